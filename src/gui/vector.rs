//! SVG path data (`d="M12 .297c-6.63 0-12 5.373…"`) read into segments the
//! canvas can fill or stroke, so the brand icons and the header's symbols
//! (`resources/icons/*.tsv`) draw without an SVG renderer in the binary.
//!
//! Every command of SVG 1.1 §8.3 is read, absolute and relative: M L H V C S
//! Q T A Z, with implicit repeats (`M1 2 3 4` is a move then a line), numbers
//! written the minified way (`.5.5`, `-1-2`, `1e-3`) and arc flags written
//! without separators (`a1 1 0 011 1`). Arcs become cubic Béziers (at most a
//! quarter turn each), as SVG 1.1 appendix F.6 describes.

use iced::Point;
use iced::widget::canvas::{Path, path::Builder};

/// One piece of a path, in absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// Start a new subpath here.
    Move(Point),
    /// A straight line to here.
    Line(Point),
    /// A quadratic Bézier: control point, end.
    Quad(Point, Point),
    /// A cubic Bézier: two control points, end.
    Cubic(Point, Point, Point),
    /// Close the subpath (a line back to its start).
    Close,
}

/// Why path data could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The byte offset where reading stopped.
    pub at: usize,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid SVG path data at byte {}", self.at)
    }
}

impl std::error::Error for ParseError {}

/// Reads numbers and flags out of path data.
struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn skip_separators(&mut self) {
        while self
            .text
            .get(self.at)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b',')
        {
            self.at += 1;
        }
    }

    fn error(&self) -> ParseError {
        ParseError { at: self.at }
    }

    /// Whether a number (not a command letter) comes next.
    fn number_next(&mut self) -> bool {
        self.skip_separators();
        self.text
            .get(self.at)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'))
    }

    fn number(&mut self) -> Result<f32, ParseError> {
        self.skip_separators();
        let start = self.at;
        let digits = |cursor: &mut Self| {
            let from = cursor.at;
            while cursor.text.get(cursor.at).is_some_and(u8::is_ascii_digit) {
                cursor.at += 1;
            }
            cursor.at > from
        };
        if matches!(self.text.get(self.at), Some(b'-' | b'+')) {
            self.at += 1;
        }
        let whole = digits(self);
        let mut fraction = false;
        if self.text.get(self.at) == Some(&b'.') {
            self.at += 1;
            fraction = digits(self);
        }
        if !whole && !fraction {
            self.at = start;
            return Err(self.error());
        }
        if matches!(self.text.get(self.at), Some(b'e' | b'E')) {
            let mark = self.at;
            self.at += 1;
            if matches!(self.text.get(self.at), Some(b'-' | b'+')) {
                self.at += 1;
            }
            if !digits(self) {
                self.at = mark;
            }
        }
        std::str::from_utf8(&self.text[start..self.at])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or(ParseError { at: start })
    }

    /// An arc flag: one `0` or `1`, which may run into what follows.
    fn flag(&mut self) -> Result<bool, ParseError> {
        self.skip_separators();
        match self.text.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                Ok(false)
            }
            Some(b'1') => {
                self.at += 1;
                Ok(true)
            }
            _ => Err(self.error()),
        }
    }

    fn point(&mut self) -> Result<Point, ParseError> {
        Ok(Point::new(self.number()?, self.number()?))
    }
}

/// Reads path data into absolute segments.
pub fn parse(data: &str) -> Result<Vec<Segment>, ParseError> {
    let mut cursor = Cursor {
        text: data.as_bytes(),
        at: 0,
    };
    let mut out = Vec::new();
    let mut current = Point::ORIGIN;
    let mut start = Point::ORIGIN;
    // The last control point of a C/S (for S) or Q/T (for T).
    let mut last_cubic: Option<Point> = None;
    let mut last_quad: Option<Point> = None;
    let mut command: Option<u8> = None;
    loop {
        cursor.skip_separators();
        let Some(&next) = cursor.text.get(cursor.at) else {
            break;
        };
        if next.is_ascii_alphabetic() {
            cursor.at += 1;
            command = Some(next);
        } else if command.is_none() || !cursor.number_next() {
            return Err(cursor.error());
        }
        let Some(letter) = command else {
            return Err(cursor.error());
        };
        let relative = letter.is_ascii_lowercase();
        let offset = |p: Point, current: Point| {
            if relative {
                Point::new(p.x + current.x, p.y + current.y)
            } else {
                p
            }
        };
        let (mut cubic, mut quad) = (None, None);
        match letter.to_ascii_uppercase() {
            b'M' => {
                let p = offset(cursor.point()?, current);
                out.push(Segment::Move(p));
                current = p;
                start = p;
                // Further pairs after a move are lines.
                command = Some(if relative { b'l' } else { b'L' });
            }
            b'L' => {
                let p = offset(cursor.point()?, current);
                out.push(Segment::Line(p));
                current = p;
            }
            b'H' => {
                let x = cursor.number()?;
                let p = Point::new(if relative { current.x + x } else { x }, current.y);
                out.push(Segment::Line(p));
                current = p;
            }
            b'V' => {
                let y = cursor.number()?;
                let p = Point::new(current.x, if relative { current.y + y } else { y });
                out.push(Segment::Line(p));
                current = p;
            }
            b'C' => {
                let c1 = offset(cursor.point()?, current);
                let c2 = offset(cursor.point()?, current);
                let p = offset(cursor.point()?, current);
                out.push(Segment::Cubic(c1, c2, p));
                cubic = Some(c2);
                current = p;
            }
            b'S' => {
                let c1 = reflect(last_cubic, current);
                let c2 = offset(cursor.point()?, current);
                let p = offset(cursor.point()?, current);
                out.push(Segment::Cubic(c1, c2, p));
                cubic = Some(c2);
                current = p;
            }
            b'Q' => {
                let c = offset(cursor.point()?, current);
                let p = offset(cursor.point()?, current);
                out.push(Segment::Quad(c, p));
                quad = Some(c);
                current = p;
            }
            b'T' => {
                let c = reflect(last_quad, current);
                let p = offset(cursor.point()?, current);
                out.push(Segment::Quad(c, p));
                quad = Some(c);
                current = p;
            }
            b'A' => {
                let rx = cursor.number()?;
                let ry = cursor.number()?;
                let rotation = cursor.number()?;
                let large = cursor.flag()?;
                let sweep = cursor.flag()?;
                let p = offset(cursor.point()?, current);
                arc(
                    &mut out,
                    current,
                    Radii { rx, ry, rotation },
                    large,
                    sweep,
                    p,
                );
                current = p;
            }
            b'Z' => {
                out.push(Segment::Close);
                current = start;
                // A command letter must follow a close.
                command = None;
            }
            _ => return Err(ParseError { at: cursor.at - 1 }),
        }
        last_cubic = cubic;
        last_quad = quad;
    }
    Ok(out)
}

/// The reflection of the previous control point about the current point
/// (the current point itself when the previous command had none).
fn reflect(control: Option<Point>, current: Point) -> Point {
    control.map_or(current, |c| {
        Point::new(2.0 * current.x - c.x, 2.0 * current.y - c.y)
    })
}

/// An ellipse's radii and x-axis rotation in degrees.
struct Radii {
    rx: f32,
    ry: f32,
    rotation: f32,
}

/// An elliptical arc from `from` to `to` as cubic Béziers (SVG 1.1 F.6.5:
/// endpoint to centre parameterisation, then one cubic per quarter turn at most).
fn arc(out: &mut Vec<Segment>, from: Point, radii: Radii, large: bool, sweep: bool, to: Point) {
    let (mut rx, mut ry) = (f64::from(radii.rx.abs()), f64::from(radii.ry.abs()));
    if from == to {
        return;
    }
    if rx == 0.0 || ry == 0.0 {
        out.push(Segment::Line(to));
        return;
    }
    let phi = f64::from(radii.rotation).to_radians();
    let (sin, cos) = phi.sin_cos();
    let (x1, y1) = (f64::from(from.x), f64::from(from.y));
    let (x2, y2) = (f64::from(to.x), f64::from(to.y));
    let dx = (x1 - x2) / 2.0;
    let dy = (y1 - y2) / 2.0;
    let x1p = cos * dx + sin * dy;
    let y1p = -sin * dx + cos * dy;
    // Radii too small to reach: scaled up (F.6.6).
    let lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
    if lambda > 1.0 {
        let s = lambda.sqrt();
        rx *= s;
        ry *= s;
    }
    let numerator = (rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p).max(0.0);
    let denominator = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
    let mut coefficient = (numerator / denominator).sqrt();
    if large == sweep {
        coefficient = -coefficient;
    }
    let cxp = coefficient * rx * y1p / ry;
    let cyp = -coefficient * ry * x1p / rx;
    let cx = cos * cxp - sin * cyp + (x1 + x2) / 2.0;
    let cy = sin * cxp + cos * cyp + (y1 + y2) / 2.0;
    let angle = |ux: f64, uy: f64, vx: f64, vy: f64| {
        let dot = ux * vx + uy * vy;
        let len = (ux * ux + uy * uy).sqrt() * (vx * vx + vy * vy).sqrt();
        let a = (dot / len).clamp(-1.0, 1.0).acos();
        if ux * vy - uy * vx < 0.0 { -a } else { a }
    };
    let (ux, uy) = ((x1p - cxp) / rx, (y1p - cyp) / ry);
    let (vx, vy) = ((-x1p - cxp) / rx, (-y1p - cyp) / ry);
    let theta = angle(1.0, 0.0, ux, uy);
    let mut delta = angle(ux, uy, vx, vy);
    if !sweep && delta > 0.0 {
        delta -= std::f64::consts::TAU;
    } else if sweep && delta < 0.0 {
        delta += std::f64::consts::TAU;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // (A quarter turn that rounding made a hair longer stays one piece.)
    let pieces = (delta.abs() / std::f64::consts::FRAC_PI_2 - 1e-9)
        .ceil()
        .max(1.0) as u32;
    let step = delta / f64::from(pieces);
    // The control arm of a cubic spanning `step` of the unit circle.
    let arm = 4.0 / 3.0 * (step / 4.0).tan();
    let at = |t: f64| {
        let (s, c) = t.sin_cos();
        (c, s)
    };
    let map = |ux: f64, uy: f64| {
        let (x, y) = (rx * ux, ry * uy);
        Point::new(
            (cos * x - sin * y + cx) as f32,
            (sin * x + cos * y + cy) as f32,
        )
    };
    let mut t = theta;
    for i in 0..pieces {
        let (c0, s0) = at(t);
        let (c1, s1) = at(t + step);
        let p1 = map(c0 - arm * s0, s0 + arm * c0);
        let p2 = map(c1 + arm * s1, s1 - arm * c1);
        // The last piece ends exactly where the command said.
        let end = if i + 1 == pieces { to } else { map(c1, s1) };
        out.push(Segment::Cubic(p1, p2, end));
        t += step;
    }
}

/// The segments as a canvas path (drawn with the frame's transform).
pub fn to_path(segments: &[Segment]) -> Path {
    let mut builder = Builder::new();
    for segment in segments {
        match *segment {
            Segment::Move(p) => builder.move_to(p),
            Segment::Line(p) => builder.line_to(p),
            Segment::Quad(c, p) => builder.quadratic_curve_to(c, p),
            Segment::Cubic(c1, c2, p) => builder.bezier_curve_to(c1, c2, p),
            Segment::Close => builder.close(),
        }
    }
    builder.build()
}

/// The segments as polygons (curves cut in 16 straight pieces), one per subpath.
pub fn flatten(segments: &[Segment]) -> Vec<Vec<Point>> {
    const STEPS: u16 = 16;
    let mut out: Vec<Vec<Point>> = Vec::new();
    let mut current = Point::ORIGIN;
    let mut start = Point::ORIGIN;
    for segment in segments {
        match *segment {
            Segment::Move(p) => {
                out.push(vec![p]);
                current = p;
                start = p;
                continue;
            }
            Segment::Close => {
                current = start;
                out.push(vec![start]);
                continue;
            }
            _ => {}
        }
        if out.is_empty() {
            out.push(vec![current]);
        }
        let Some(polygon) = out.last_mut() else {
            continue;
        };
        match *segment {
            Segment::Line(p) => polygon.push(p),
            Segment::Quad(c, p) => {
                for i in 1..=STEPS {
                    let t = f32::from(i) / f32::from(STEPS);
                    let u = 1.0 - t;
                    polygon.push(Point::new(
                        u * u * current.x + 2.0 * u * t * c.x + t * t * p.x,
                        u * u * current.y + 2.0 * u * t * c.y + t * t * p.y,
                    ));
                }
            }
            Segment::Cubic(c1, c2, p) => {
                for i in 1..=STEPS {
                    let t = f32::from(i) / f32::from(STEPS);
                    let u = 1.0 - t;
                    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                    polygon.push(Point::new(
                        a * current.x + b * c1.x + c * c2.x + d * p.x,
                        a * current.y + b * c1.y + c * c2.y + d * p.y,
                    ));
                }
            }
            Segment::Move(_) | Segment::Close => {}
        }
        if let Some(&last) = polygon.last() {
            current = last;
        }
    }
    out.retain(|p| p.len() > 2);
    out
}

/// Whether `point` is inside the filled path (non-zero rule, as SVG and the
/// canvas fill it): the winding number of every subpath, each closed.
pub fn covers(polygons: &[Vec<Point>], point: Point) -> bool {
    let mut winding = 0i32;
    for polygon in polygons {
        let n = polygon.len();
        for i in 0..n {
            let (a, b) = (polygon[i], polygon[(i + 1) % n]);
            if a.y <= point.y {
                if b.y > point.y && side(a, b, point) > 0.0 {
                    winding += 1;
                }
            } else if b.y <= point.y && side(a, b, point) < 0.0 {
                winding -= 1;
            }
        }
    }
    winding != 0
}

/// Positive when `p` is left of the line from `a` to `b`.
fn side(a: Point, b: Point, p: Point) -> f32 {
    (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(data: &str) -> Vec<Segment> {
        parse(data).unwrap_or_else(|e| panic!("{data}: {e}"))
    }

    fn near(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3
    }

    fn end(segment: Segment) -> Point {
        match segment {
            Segment::Move(p) | Segment::Line(p) | Segment::Quad(_, p) | Segment::Cubic(_, _, p) => {
                p
            }
            Segment::Close => panic!("a close has no end point"),
        }
    }

    fn p(x: f32, y: f32) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn moves_lines_and_closes_absolute_and_relative() {
        assert_eq!(
            ok("M1 2L3 4l1 1H10h-2V7v1Z"),
            [
                Segment::Move(p(1.0, 2.0)),
                Segment::Line(p(3.0, 4.0)),
                Segment::Line(p(4.0, 5.0)),
                Segment::Line(p(10.0, 5.0)),
                Segment::Line(p(8.0, 5.0)),
                Segment::Line(p(8.0, 7.0)),
                Segment::Line(p(8.0, 8.0)),
                Segment::Close,
            ]
        );
        // Pairs after a move are lines; relative ones from the point before;
        // after a close, a relative move starts from the subpath's start.
        assert_eq!(
            ok("m1 1 2 2 1 0zm1 1"),
            [
                Segment::Move(p(1.0, 1.0)),
                Segment::Line(p(3.0, 3.0)),
                Segment::Line(p(4.0, 3.0)),
                Segment::Close,
                Segment::Move(p(2.0, 2.0)),
            ]
        );
    }

    #[test]
    fn minified_numbers_are_read_as_svg_does() {
        let segments = ok("M12 .297l-.5.5L1e1-2E-1 3,4");
        let ends: Vec<Point> = segments.iter().map(|s| end(*s)).collect();
        let want = [p(12.0, 0.297), p(11.5, 0.797), p(10.0, -0.2), p(3.0, 4.0)];
        assert_eq!(ends.len(), want.len(), "{segments:?}");
        for (got, want) in ends.iter().zip(want) {
            assert!(near(*got, want), "{got:?} is not {want:?}");
        }
        assert!(matches!(segments[0], Segment::Move(_)));
        assert!(matches!(segments[3], Segment::Line(_)));
    }

    #[test]
    fn curves_and_their_smooth_forms() {
        assert_eq!(
            ok("M0 0C1 2 3 4 5 6S9 10 11 12c1 1 2 2 3 3"),
            [
                Segment::Move(p(0.0, 0.0)),
                Segment::Cubic(p(1.0, 2.0), p(3.0, 4.0), p(5.0, 6.0)),
                // The first control point reflects (3, 4) about (5, 6).
                Segment::Cubic(p(7.0, 8.0), p(9.0, 10.0), p(11.0, 12.0)),
                Segment::Cubic(p(12.0, 13.0), p(13.0, 14.0), p(14.0, 15.0)),
            ]
        );
        assert_eq!(
            ok("M0 0Q1 1 2 0T4 0t2 0q1 1 2 0"),
            [
                Segment::Move(p(0.0, 0.0)),
                Segment::Quad(p(1.0, 1.0), p(2.0, 0.0)),
                Segment::Quad(p(3.0, -1.0), p(4.0, 0.0)),
                Segment::Quad(p(5.0, 1.0), p(6.0, 0.0)),
                Segment::Quad(p(7.0, 1.0), p(8.0, 0.0)),
            ]
        );
        // S after a line: the first control point is the current point.
        assert_eq!(
            ok("M0 0L1 0s1 1 2 0")[2],
            Segment::Cubic(p(1.0, 0.0), p(2.0, 1.0), p(3.0, 0.0))
        );
    }

    /// A point of the cubic at `t`.
    fn on_cubic(from: Point, segment: Segment, t: f32) -> Point {
        let Segment::Cubic(c1, c2, to) = segment else {
            panic!("not a cubic: {segment:?}");
        };
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            a * from.x + b * c1.x + c * c2.x + d * to.x,
            a * from.y + b * c1.y + c * c2.y + d * to.y,
        )
    }

    #[test]
    fn arcs_become_cubics_on_the_circle() {
        // A half circle of radius 5 round (5, 0), from (0, 0) to (10, 0),
        // sweeping clockwise on screen (y down): through (5, -5).
        let segments = ok("M0 0A5 5 0 0 1 10 0");
        assert_eq!(segments.len(), 3, "two quarter turns: {segments:?}");
        assert!(near(end(segments[1]), p(5.0, -5.0)), "{segments:?}");
        assert!(near(end(segments[2]), p(10.0, 0.0)));
        let mut from = p(0.0, 0.0);
        for &segment in &segments[1..] {
            for t in [0.25, 0.5, 0.75] {
                let q = on_cubic(from, segment, t);
                let r = ((q.x - 5.0).powi(2) + q.y.powi(2)).sqrt();
                assert!((r - 5.0).abs() < 0.01, "{q:?} is {r} from the centre");
            }
            from = end(segment);
        }
        // The other sweep goes through (5, 5); relative form, flags run together.
        let other = ok("m0 0a5 5 0 0010 0");
        assert!(near(end(other[1]), p(5.0, 5.0)), "{other:?}");
    }

    #[test]
    fn arc_flags_pick_the_large_or_small_arc_and_radii_grow_to_fit() {
        // A circle of radius 5 through (0, 0) and (5, 5): the small arc is a
        // quarter turn (one cubic), the large one three quarters.
        let small = ok("M0 0A5 5 0 0 0 5 5");
        let large = ok("M0 0A5 5 0 1 0 5 5");
        assert_eq!(small.len(), 2);
        assert_eq!(large.len(), 4);
        assert!(near(end(large[3]), p(5.0, 5.0)));
        // Radii too small to reach the end are scaled up: a half circle.
        let grown = ok("M0 0A1 1 0 0 1 10 0");
        assert!(near(end(grown[1]), p(5.0, -5.0)), "{grown:?}");
        // A rotated ellipse (rx 10, ry 5, turned 90°) from its top to its bottom.
        let rotated = ok("M0 -10A10 5 90 0 1 0 10");
        assert!(near(end(rotated[1]), p(5.0, 0.0)), "{rotated:?}");
        // Zero radii make a line; equal ends draw nothing.
        assert_eq!(ok("M0 0A0 5 0 0 1 3 4")[1], Segment::Line(p(3.0, 4.0)));
        assert_eq!(ok("M1 1A5 5 0 0 1 1 1").len(), 1);
    }

    #[test]
    fn rubbish_is_refused_where_it_starts() {
        assert_eq!(parse("M1 2 L3"), Err(ParseError { at: 7 }));
        assert_eq!(parse("1 2"), Err(ParseError { at: 0 }));
        assert_eq!(parse("M1 2X3 4"), Err(ParseError { at: 4 }));
        assert_eq!(parse("M0 0A1 1 0 2 0 3 3"), Err(ParseError { at: 11 }));
        assert_eq!(parse("M0 0Z 1 1"), Err(ParseError { at: 6 }));
        assert_eq!(parse(""), Ok(Vec::new()));
    }

    #[test]
    fn a_filled_ring_covers_its_band_not_its_hole() {
        // Two circles wound the same way would fill the hole; Simple Icons
        // cuts holes by winding the inner one the other way.
        let ring =
            ok("M2 12A10 10 0 1 0 22 12A10 10 0 1 0 2 12ZM7 12A5 5 0 1 1 17 12A5 5 0 1 1 7 12Z");
        let polygons = flatten(&ring);
        assert!(covers(&polygons, p(4.0, 12.0)));
        assert!(covers(&polygons, p(12.0, 20.0)));
        assert!(!covers(&polygons, p(12.0, 12.0)), "the hole");
        assert!(!covers(&polygons, p(0.5, 0.5)), "outside");
    }
}
