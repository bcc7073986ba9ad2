//! Frames drawn as iced's window draws them with tiny-skia: one renderer and
//! one user-interface cache kept across frames (so glyph and canvas caches
//! stay warm), each frame's layers compared with the previous frame's as
//! `iced_tiny_skia::window::compositor::present` does when the buffer is one
//! frame old (what softbuffer reports on X11 with shared memory), and only
//! the damaged regions rasterised, at scale factor 1. Used by
//! `tests/gui/damage.rs` and `benches/gui_frame.rs`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use iced::theme::Base as _;
use iced::{Rectangle, Size};
use iced_test::runtime::{UserInterface, user_interface};
use iced_tiny_skia::core::mouse::Cursor;
use iced_tiny_skia::core::renderer::Style;
use iced_tiny_skia::graphics::{Viewport, damage};
use iced_tiny_skia::{Layer, Renderer};

use tessera::gui::{App, Message};

/// A window's renderer and what it keeps between frames.
pub struct Window {
    size: Size,
    renderer: Renderer,
    cache: Option<user_interface::Cache>,
    previous: Vec<Layer>,
    pixels: Vec<u32>,
    mask: tiny_skia::Mask,
    viewport: Viewport,
}

/// One frame: what it cost and what it redrew.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// `update` (if a message was given), `view` and the layout.
    pub app: Duration,
    /// The widgets drawn into layers.
    pub draw: Duration,
    /// The damaged regions rasterised.
    pub raster: Duration,
    /// The regions redrawn, in logical pixels (grouped as the compositor does).
    pub damage: Vec<Rectangle>,
}

impl Frame {
    /// The share of the window redrawn, in `0.0..=1.0`.
    pub fn damaged(&self, window: Size) -> f32 {
        self.damage.iter().map(Rectangle::area).sum::<f32>() / (window.width * window.height)
    }

    /// Everything the frame cost.
    pub fn total(&self) -> Duration {
        self.app + self.draw + self.raster
    }
}

impl Window {
    /// A window of `size` logical pixels at scale factor 1.
    pub fn new(size: Size) -> Self {
        let physical = Size::new(size.width as u32, size.height as u32);
        Self {
            size,
            renderer: Renderer::new(iced::Font::DEFAULT, iced::Pixels(16.0)),
            cache: Some(user_interface::Cache::default()),
            previous: Vec::new(),
            pixels: vec![0; (physical.width * physical.height) as usize],
            mask: tiny_skia::Mask::new(physical.width, physical.height).unwrap(),
            viewport: Viewport::with_physical_size(physical, 1.0),
        }
    }

    /// `message` (if any) through `update`, then a frame as the window draws it.
    pub fn frame(&mut self, app: &mut App, message: Option<Message>) -> Frame {
        let t0 = Instant::now();
        if let Some(message) = message {
            let _ = app.update(message);
        }
        let theme = app.theme();
        let ui = UserInterface::build(
            app.view(),
            self.size,
            self.cache.take().unwrap_or_default(),
            &mut self.renderer,
        );
        let t1 = Instant::now();
        let mut ui = ui;
        let style = Style {
            text_color: theme.base().text_color,
        };
        ui.draw(&mut self.renderer, &theme, &style, Cursor::Unavailable);
        self.cache = Some(ui.into_cache());
        let layers = self.renderer.layers().to_vec();
        let t2 = Instant::now();
        let whole = Rectangle::with_size(self.size);
        let regions = if self.previous.is_empty() {
            vec![whole]
        } else {
            damage::diff(&self.previous, &layers, |l| vec![l.bounds], Layer::damage)
        };
        let regions = damage::group(regions, whole);
        if !regions.is_empty() {
            let size = self.viewport.physical_size();
            let mut pixmap = tiny_skia::PixmapMut::from_bytes(
                bytemuck::cast_slice_mut(&mut self.pixels),
                size.width,
                size.height,
            )
            .unwrap();
            self.renderer.draw(
                &mut pixmap,
                &mut self.mask,
                &self.viewport,
                &regions,
                theme.base().background_color,
            );
        }
        let t3 = Instant::now();
        self.previous = layers;
        Frame {
            app: t1 - t0,
            draw: t2 - t1,
            raster: t3 - t2,
            damage: regions,
        }
    }

    /// The window's pixels as an RGBA image.
    pub fn image(&self) -> image::RgbaImage {
        let size = self.viewport.physical_size();
        let rgba: Vec<u8> = self
            .pixels
            .iter()
            .flat_map(|p| {
                let [b, g, r, a] = p.to_le_bytes();
                [r, g, b, a]
            })
            .collect();
        image::RgbaImage::from_raw(size.width, size.height, rgba).unwrap()
    }
}
