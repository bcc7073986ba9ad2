#!/usr/bin/env python3
"""Regenerates the icons the app embeds (run from the repository root):

    python3 scripts/brand-icons.py            # fetches the pinned npm packages
    python3 scripts/brand-icons.py --from DIR # DIR holds simple-icons/ and lucide-static/
                                              # (unpacked npm packages), offline

Writes
  resources/icons/brands.tsv         the curated Simple Icons brands (CC0-1.0)
  resources/icons/brand-paths.txt    their path data, one line each
  resources/icons/brands-LICENSE.md  Simple Icons' licence and disclaimer
  resources/icons/lucide.tsv         the few Lucide symbols the window uses
  resources/icons/lucide-LICENSE     Lucide's licence (ISC, MIT for Feather's)

brands.tsv: '#' lines are comments; every other line is one brand, fields
separated by tabs:
  slug  title  hex colour (RRGGBB)  domains (comma-separated)  aliases (comma-separated)  path
where path is `START+LENGTH`: the brand's SVG path data is that many bytes
of brand-paths.txt from that byte offset (on Simple Icons' 24x24 viewBox,
filled with the non-zero rule). The paths are kept apart so that the app
reads the small table at start and touches only the paths it draws.

lucide.tsv: '#' lines are comments; then `name<TAB>path data`, every shape of
the symbol (paths, rectangles, circles, lines...) turned into one path on a
24x24 viewBox, to be stroked 2 units wide with round caps and joins.

Only brands whose Simple Icons record carries no licence other than CC0 are
kept (Simple Icons is CC0; a few icons carry their owner's licence instead).
The domains and aliases come from the table below, written by hand: they are
what the app matches an account's issuer against (docs/design.md, "Brand icons").
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile

SIMPLE_ICONS = "simple-icons@16.37.0"
LUCIDE = "lucide-static@1.62.0"

# The services people keep two-factor codes for, by Simple Icons slug, with
# the domains their codes are for and other names dashboards write for them.
# slug: (domains, aliases)
BRANDS = {
    # Big platforms
    "google": ("google.com,accounts.google.com,gmail.com", "google account,gmail"),
    "googlecloud": ("cloud.google.com", "gcp,google cloud platform"),
    "gmail": ("mail.google.com", ""),
    "youtube": ("youtube.com", ""),
    "apple": ("apple.com,icloud.com,appleid.apple.com", "apple id,appleid"),
    "facebook": ("facebook.com,fb.com", "fb"),
    "meta": ("meta.com", "meta platforms"),
    "instagram": ("instagram.com", "ig"),
    "whatsapp": ("whatsapp.com", ""),
    "messenger": ("messenger.com", ""),
    "threads": ("threads.net,threads.com", ""),
    "x": ("x.com,twitter.com", "twitter"),
    "reddit": ("reddit.com", ""),
    "tumblr": ("tumblr.com", ""),
    "pinterest": ("pinterest.com", ""),
    "snapchat": ("snapchat.com", ""),
    "tiktok": ("tiktok.com", ""),
    "telegram": ("telegram.org", ""),
    "signal": ("signal.org", ""),
    "line": ("line.me", ""),
    "wechat": ("wechat.com", ""),
    "viber": ("viber.com", ""),
    "vk": ("vk.com", "vkontakte"),
    "mastodon": ("mastodon.social,joinmastodon.org", ""),
    "bluesky": ("bsky.app,bsky.social", "bsky"),
    "discord": ("discord.com,discordapp.com", ""),
    "twitch": ("twitch.tv", ""),
    "vimeo": ("vimeo.com", ""),
    "medium": ("medium.com", ""),
    "substack": ("substack.com", ""),
    "quora": ("quora.com", ""),
    "stackoverflow": ("stackoverflow.com", "stack overflow"),
    "stackexchange": ("stackexchange.com", ""),
    "wikipedia": ("wikipedia.org", ""),
    "matrix": ("matrix.org", ""),
    "element": ("element.io,app.element.io", ""),
    # Developer and cloud
    "github": ("github.com", "gh"),
    "gitlab": ("gitlab.com", ""),
    "codeberg": ("codeberg.org", ""),
    "sourcehut": ("sr.ht,sourcehut.org", "sr.ht"),
    "bitbucket": ("bitbucket.org", ""),
    "atlassian": ("atlassian.com,id.atlassian.com,atlassian.net", ""),
    "trello": ("trello.com", ""),
    "sourceforge": ("sourceforge.net", ""),
    "launchpad": ("launchpad.net", ""),
    "npm": ("npmjs.com,npmjs.org", "npmjs"),
    "pypi": ("pypi.org", "python package index"),
    "rubygems": ("rubygems.org", ""),
    "docker": ("docker.com,hub.docker.com", "docker hub,dockerhub"),
    "vercel": ("vercel.com", ""),
    "netlify": ("netlify.com,app.netlify.com", ""),
    "cloudflare": ("cloudflare.com,dash.cloudflare.com", ""),
    "digitalocean": ("digitalocean.com", "do"),
    "akamai": ("akamai.com,linode.com,cloud.linode.com", "linode"),
    "hetzner": ("hetzner.com,hetzner.cloud", "hetzner online,hetzner cloud"),
    "ovh": ("ovh.com,ovhcloud.com", "ovhcloud"),
    "scaleway": ("scaleway.com", ""),
    "vultr": ("vultr.com", ""),
    "upcloud": ("upcloud.com", ""),
    "alibabacloud": ("alibabacloud.com,aliyun.com", "aliyun"),
    "backblaze": ("backblaze.com", "b2"),
    "wasabi": ("wasabi.com", ""),
    "render": ("render.com", ""),
    "flydotio": ("fly.io", "fly"),
    "railway": ("railway.app,railway.com", ""),
    "supabase": ("supabase.com", ""),
    "firebase": ("firebase.google.com", ""),
    "mongodb": ("mongodb.com,cloud.mongodb.com", "mongodb atlas"),
    "planetscale": ("planetscale.com", ""),
    "cockroachlabs": ("cockroachlabs.com", "cockroachdb"),
    "elastic": ("elastic.co", "elastic cloud"),
    "grafana": ("grafana.com", "grafana cloud"),
    "datadog": ("datadoghq.com,datadoghq.eu", ""),
    "newrelic": ("newrelic.com", ""),
    "sentry": ("sentry.io", ""),
    "pagerduty": ("pagerduty.com", ""),
    "circleci": ("circleci.com", ""),
    "travisci": ("travis-ci.com", "travis"),
    "buildkite": ("buildkite.com", ""),
    "codecov": ("codecov.io", ""),
    "snyk": ("snyk.io", ""),
    "jetbrains": ("jetbrains.com,account.jetbrains.com", "jetbrains account"),
    "hashicorp": ("hashicorp.com,app.terraform.io", "terraform cloud,hcp"),
    "gitkraken": ("gitkraken.com", ""),
    "fastly": ("fastly.com", ""),
    "bunnydotnet": ("bunny.net", "bunnycdn"),
    "hackthebox": ("hackthebox.com", "htb"),
    "tryhackme": ("tryhackme.com", ""),
    "leetcode": ("leetcode.com", ""),
    "hackerrank": ("hackerrank.com", ""),
    "codewars": ("codewars.com", ""),
    "kaggle": ("kaggle.com", ""),
    "huggingface": ("huggingface.co", "hugging face,hf"),
    "anthropic": ("anthropic.com,claude.ai,console.anthropic.com", "claude"),
    "perplexity": ("perplexity.ai", ""),
    "replit": ("replit.com", ""),
    "mozilla": ("mozilla.org,accounts.firefox.com", "mozilla account,firefox account,firefox accounts"),
    "nextcloud": ("nextcloud.com", ""),
    "owncloud": ("owncloud.com", ""),
    "tailscale": ("tailscale.com,login.tailscale.com", ""),
    "zerotier": ("zerotier.com", ""),
    "synology": ("synology.com", "synology account,synology dsm"),
    "qnap": ("qnap.com", ""),
    "proxmox": ("proxmox.com", "proxmox ve"),
    "ubiquiti": ("ui.com,ubnt.com", "unifi,ui.com"),
    "tplink": ("tp-link.com", "tp-link"),
    "netgear": ("netgear.com", ""),
    "asus": ("asus.com", ""),
    "mikrotik": ("mikrotik.com", ""),
    "fortinet": ("fortinet.com", "forticlient,fortitoken"),
    "paloaltonetworks": ("paloaltonetworks.com", "palo alto networks,globalprotect"),
    "cisco": ("cisco.com", ""),
    "f5": ("f5.com", ""),
    "teamviewer": ("teamviewer.com", ""),
    "anydesk": ("anydesk.com", ""),
    "rocketdotchat": ("rocket.chat", "rocket.chat"),
    "mattermost": ("mattermost.com", ""),
    "zulip": ("zulip.com,zulipchat.com", ""),
    # Identity, passwords, security
    "okta": ("okta.com", ""),
    "auth0": ("auth0.com", ""),
    "1password": ("1password.com", ""),
    "bitwarden": ("bitwarden.com,vault.bitwarden.com,bitwarden.eu", ""),
    "lastpass": ("lastpass.com", ""),
    "dashlane": ("dashlane.com", ""),
    "keeper": ("keepersecurity.com", "keeper security"),
    "yubico": ("yubico.com", "yubikey"),
    "nextdns": ("nextdns.io", ""),
    "adguard": ("adguard.com", ""),
    "mullvad": ("mullvad.net", "mullvad vpn"),
    "expressvpn": ("expressvpn.com", ""),
    "nordvpn": ("nordvpn.com,nordaccount.com", "nord account,nordaccount"),
    "surfshark": ("surfshark.com", ""),
    "privateinternetaccess": ("privateinternetaccess.com", "pia"),
    # Mail and storage
    "proton": ("proton.me,account.proton.me", "proton ag"),
    "protonmail": ("protonmail.com,mail.proton.me", ""),
    "protonvpn": ("protonvpn.com", ""),
    "protondrive": ("drive.proton.me", ""),
    "tuta": ("tuta.com,tutanota.com,app.tuta.com", "tutanota"),
    "zoho": ("zoho.com,zoho.eu,zoho.in,accounts.zoho.com", "zoho mail,zoho accounts"),
    "yandexcloud": ("cloud.yandex.com", ""),
    "naver": ("naver.com", ""),
    "kakao": ("kakao.com", ""),
    "baidu": ("baidu.com", ""),
    "dropbox": ("dropbox.com", ""),
    "box": ("box.com", ""),
    "mega": ("mega.nz,mega.io", ""),
    "tresorit": ("tresorit.com", ""),
    "filen": ("filen.io", ""),
    "infomaniak": ("infomaniak.com", "kdrive"),
    "ionos": ("ionos.com,ionos.de", "1&1,1und1"),
    "gandi": ("gandi.net", ""),
    "namecheap": ("namecheap.com", ""),
    "godaddy": ("godaddy.com", ""),
    "porkbun": ("porkbun.com", ""),
    "namesilo": ("namesilo.com", ""),
    "hostinger": ("hostinger.com", ""),
    "cloudways": ("cloudways.com", ""),
    "kinsta": ("kinsta.com", ""),
    "wpengine": ("wpengine.com", "wp engine"),
    "pantheon": ("pantheon.io", ""),
    "cpanel": ("cpanel.net", ""),
    "plesk": ("plesk.com", ""),
    # Work and productivity
    "notion": ("notion.so,notion.com", ""),
    "figma": ("figma.com", ""),
    "autodesk": ("autodesk.com", ""),
    "zoom": ("zoom.us,zoom.com", ""),
    "hubspot": ("hubspot.com", ""),
    "mailchimp": ("mailchimp.com", "intuit mailchimp"),
    "evernote": ("evernote.com", ""),
    "obsidian": ("obsidian.md", ""),
    "todoist": ("todoist.com", ""),
    "asana": ("asana.com", ""),
    "clickup": ("clickup.com", ""),
    "basecamp": ("basecamp.com", "37signals"),
    "airtable": ("airtable.com", ""),
    "miro": ("miro.com", ""),
    "dribbble": ("dribbble.com", ""),
    "behance": ("behance.net", ""),
    "ghost": ("ghost.org", ""),
    "squarespace": ("squarespace.com", ""),
    "wix": ("wix.com", ""),
    "webflow": ("webflow.com", ""),
    "wordpress": ("wordpress.com,wordpress.org", "wp.com"),
    "shopify": ("shopify.com,myshopify.com", ""),
    "mailgun": ("mailgun.com", ""),
    "brevo": ("brevo.com", "sendinblue"),
    "intercom": ("intercom.com", ""),
    "zendesk": ("zendesk.com", ""),
    "helpscout": ("helpscout.com", "help scout"),
    "calendly": ("calendly.com", ""),
    "typeform": ("typeform.com", ""),
    "surveymonkey": ("surveymonkey.com", ""),
    "xero": ("xero.com", ""),
    "quickbooks": ("quickbooks.intuit.com", "intuit quickbooks"),
    "gusto": ("gusto.com", ""),
    "adp": ("adp.com", ""),
    "paychex": ("paychex.com", ""),
    "personio": ("personio.com,personio.de", ""),
    "duolingo": ("duolingo.com", ""),
    "coursera": ("coursera.org", ""),
    "udemy": ("udemy.com", ""),
    "khanacademy": ("khanacademy.org", ""),
    "patreon": ("patreon.com", ""),
    "kickstarter": ("kickstarter.com", ""),
    # Games
    "steam": ("steampowered.com,steamcommunity.com", "steam guard,valve"),
    "epicgames": ("epicgames.com", "epic,epic games store"),
    "ubisoft": ("ubisoft.com", "ubisoft connect,uplay"),
    "ea": ("ea.com", "electronic arts,origin,ea app"),
    "sony": ("sony.com", ""),
    "playstation": ("playstation.com", "psn,playstation network,sony entertainment network"),
    "battledotnet": ("battle.net,blizzard.com", "blizzard,blizzard entertainment,battle.net"),
    "riotgames": ("riotgames.com", "riot,league of legends"),
    "roblox": ("roblox.com", ""),
    "squareenix": ("square-enix.com,square-enix-games.com", "square enix"),
    "humblebundle": ("humblebundle.com", "humble"),
    "itchdotio": ("itch.io", "itch.io"),
    "rockstargames": ("rockstargames.com", "rockstar,social club"),
    "nvidia": ("nvidia.com", "geforce now,geforce experience"),
    "razer": ("razer.com", "razer id"),
    "samsung": ("samsung.com", "samsung account"),
    "huawei": ("huawei.com", "huawei id"),
    "xiaomi": ("xiaomi.com,mi.com", "mi account"),
    # Media and entertainment
    "spotify": ("spotify.com", ""),
    "soundcloud": ("soundcloud.com", ""),
    "plex": ("plex.tv", ""),
    "netflix": ("netflix.com", ""),
    "hbo": ("hbo.com,max.com", "hbo max"),
    "crunchyroll": ("crunchyroll.com", ""),
    "paramountplus": ("paramountplus.com", "paramount+"),
    # Money
    "paypal": ("paypal.com", ""),
    "venmo": ("venmo.com", ""),
    "stripe": ("stripe.com,dashboard.stripe.com", ""),
    "wise": ("wise.com,transferwise.com", "transferwise"),
    "revolut": ("revolut.com", ""),
    "n26": ("n26.com", ""),
    "monzo": ("monzo.com", ""),
    "cashapp": ("cash.app", "cash app,square cash"),
    "klarna": ("klarna.com", ""),
    "americanexpress": ("americanexpress.com", "amex"),
    "visa": ("visa.com", ""),
    "mastercard": ("mastercard.com", ""),
    "discover": ("discover.com", ""),
    "chase": ("chase.com", "jpmorgan chase"),
    "bankofamerica": ("bankofamerica.com", "bofa"),
    "hsbc": ("hsbc.com,hsbc.co.uk", ""),
    "barclays": ("barclays.co.uk,barclays.com", ""),
    "deutschebank": ("deutsche-bank.de,db.com", ""),
    "commerzbank": ("commerzbank.de", ""),
    "sparkasse": ("sparkasse.de", ""),
    "nubank": ("nubank.com.br", "nu"),
    "mercadopago": ("mercadopago.com,mercadopago.com.br", ""),
    "picpay": ("picpay.com", ""),
    "pagseguro": ("pagseguro.uol.com.br,pagbank.com.br", "pagbank"),
    "razorpay": ("razorpay.com", ""),
    "paytm": ("paytm.com", ""),
    "phonepe": ("phonepe.com", ""),
    "alipay": ("alipay.com", ""),
    "robinhood": ("robinhood.com", ""),
    "coinbase": ("coinbase.com", ""),
    "binance": ("binance.com,binance.us", ""),
    "kucoin": ("kucoin.com", ""),
    "okx": ("okx.com", "okex"),
    "uphold": ("uphold.com", ""),
    "blockchaindotcom": ("blockchain.com", "blockchain.com"),
    "trezor": ("trezor.io", ""),
    # Shopping and travel
    "ebay": ("ebay.com", ""),
    "etsy": ("etsy.com", ""),
    "aliexpress": ("aliexpress.com", ""),
    "shopee": ("shopee.com", ""),
    "rakuten": ("rakuten.com,rakuten.co.jp", ""),
    "vinted": ("vinted.com", ""),
    "zalando": ("zalando.com,zalando.de", ""),
    "ikea": ("ikea.com", ""),
    "target": ("target.com", ""),
    "newegg": ("newegg.com", ""),
    "airbnb": ("airbnb.com", ""),
    "expedia": ("expedia.com", ""),
    "tripadvisor": ("tripadvisor.com", ""),
    "uber": ("uber.com", ""),
    "lyft": ("lyft.com", ""),
    "doordash": ("doordash.com", ""),
    "ubereats": ("ubereats.com", "uber eats"),
    "deliveroo": ("deliveroo.com,deliveroo.co.uk", ""),
    "instacart": ("instacart.com", ""),
    "glovo": ("glovoapp.com", ""),
    "ifood": ("ifood.com.br", ""),
    "grab": ("grab.com", ""),
    "gojek": ("gojek.com", ""),
    "zomato": ("zomato.com", ""),
    "swiggy": ("swiggy.com", ""),
}

# Lucide symbols the window draws, by file name.
LUCIDE_SYMBOLS = ["plus", "smartphone", "settings", "lock", "copy", "eye", "square-pen",
                  "rotate-cw", "clipboard-paste", "scan-line", "file-input", "keyboard"]


def npm_pack(spec, into):
    subprocess.run(["npm", "pack", spec, "--pack-destination", str(into)],
                   check=True, stdout=subprocess.DEVNULL)
    name = spec.split("@")[0]
    (tgz,) = into.glob(f"{name}-*.tgz")
    out = into / name
    with tarfile.open(tgz) as tar:
        tar.extractall(out, filter="data")
    return out / "package"


def brand_path(svg):
    match = re.search(r'<path d="([^"]+)"', svg)
    if not match:
        raise SystemExit("no path in a Simple Icons SVG")
    return match.group(1)


NUM = r"-?[0-9.]+"


def attrs(tag):
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))


def shape_to_path(tag):
    """One Lucide SVG element as path data."""
    name = tag.split()[0]
    a = attrs(tag)
    f = lambda k, d="0": float(a.get(k, d))  # noqa: E731
    g = lambda v: f"{v:g}"  # noqa: E731
    if name == "path":
        # A path's first moveto is absolute even when written `m`; joined
        # after another path it would be read relative to that one's end.
        # `m x y a b` is `M x y` then relative lines `l a b`.
        d = a["d"].strip()
        m = re.match(r"m\s*(" + NUM + r")[\s,]*(" + NUM + r")[\s,]*", d)
        if m:
            rest = d[m.end():]
            line = "l" if rest[:1] and rest[:1] not in "MmZzLlHhVvCcSsQqTtAa" else ""
            d = f"M{m.group(1)} {m.group(2)}{line}{rest}"
        return d
    if name == "line":
        return f"M{g(f('x1'))} {g(f('y1'))}L{g(f('x2'))} {g(f('y2'))}"
    if name in ("polyline", "polygon"):
        pts = re.findall(NUM, a["points"])
        pairs = [f"{pts[i]} {pts[i + 1]}" for i in range(0, len(pts), 2)]
        return "M" + "L".join(pairs) + ("Z" if name == "polygon" else "")
    if name in ("circle", "ellipse"):
        cx, cy = f("cx"), f("cy")
        rx = f("r") if name == "circle" else f("rx")
        ry = f("r") if name == "circle" else f("ry")
        return (f"M{g(cx - rx)} {g(cy)}A{g(rx)} {g(ry)} 0 1 0 {g(cx + rx)} {g(cy)}"
                f"A{g(rx)} {g(ry)} 0 1 0 {g(cx - rx)} {g(cy)}Z")
    if name == "rect":
        x, y, w, h = f("x"), f("y"), f("width"), f("height")
        rx = f("rx", a.get("ry", "0"))
        ry = f("ry", a.get("rx", "0"))
        if rx == 0 and ry == 0:
            return f"M{g(x)} {g(y)}H{g(x + w)}V{g(y + h)}H{g(x)}Z"
        return (f"M{g(x + rx)} {g(y)}H{g(x + w - rx)}A{g(rx)} {g(ry)} 0 0 1 {g(x + w)} {g(y + ry)}"
                f"V{g(y + h - ry)}A{g(rx)} {g(ry)} 0 0 1 {g(x + w - rx)} {g(y + h)}"
                f"H{g(x + rx)}A{g(rx)} {g(ry)} 0 0 1 {g(x)} {g(y + h - ry)}"
                f"V{g(y + ry)}A{g(rx)} {g(ry)} 0 0 1 {g(x + rx)} {g(y)}Z")
    raise SystemExit(f"unsupported Lucide element <{name}>")


def lucide_path(svg):
    body = svg.split(">", 2)[-1] if svg.startswith("<!--") else svg
    tags = re.findall(r"<(path|line|polyline|polygon|circle|ellipse|rect)\b([^>]*)/?>", body)
    return "".join(shape_to_path(f"{name}{rest}") for name, rest in tags)


def clean(text):
    if "\t" in text or "\n" in text:
        raise SystemExit(f"a tab or newline in {text!r}")
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=pathlib.Path,
                        help="a folder with simple-icons/ and lucide-static/ unpacked")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("resources/icons"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.source:
            si, lu = args.source / "simple-icons", args.source / "lucide-static"
        else:
            si = npm_pack(SIMPLE_ICONS, pathlib.Path(tmp))
            lu = npm_pack(LUCIDE, pathlib.Path(tmp))
        si_version = json.loads((si / "package.json").read_text())["version"]
        lu_version = json.loads((lu / "package.json").read_text())["version"]
        data = {i["slug"]: i for i in json.loads((si / "data/simple-icons.json").read_text())}
        lines = [
            f"# Simple Icons {si_version} (https://simpleicons.org), CC0-1.0: see brands-LICENSE.md.",
            "# Generated by scripts/brand-icons.py; do not edit by hand.",
            "# slug\ttitle\thex\tdomains\taliases\tpath (START+LENGTH in brand-paths.txt)",
        ]
        paths = bytearray()
        missing, kept = [], 0
        for slug, (domains, aliases) in BRANDS.items():
            icon = data.get(slug)
            if icon is None:
                missing.append(slug)
                continue
            licence = icon.get("license", {}).get("type", "CC0-1.0")
            if licence != "CC0-1.0":
                missing.append(f"{slug} ({licence})")
                continue
            known = [a for a in aliases.split(",") if a]
            known += [a for a in icon.get("aliases", {}).get("aka", []) if a not in known]
            path = clean(brand_path((si / "icons" / f"{slug}.svg").read_text())).encode()
            at = f"{len(paths)}+{len(path)}"
            paths += path + b"\n"
            fields = [slug, icon["title"], icon["hex"].upper(), domains, ",".join(known), at]
            lines.append("\t".join(clean(f) for f in fields))
            kept += 1
        (args.out / "brands.tsv").write_text("\n".join(lines) + "\n")
        (args.out / "brand-paths.txt").write_bytes(bytes(paths))
        licence = (si / "LICENSE.md").read_text()
        disclaimer = (si / "DISCLAIMER.md").read_text()
        (args.out / "brands-LICENSE.md").write_text(
            f"The brand icons in brands.tsv are from Simple Icons {si_version}\n"
            "(https://github.com/simple-icons/simple-icons), released under CC0-1.0;\n"
            "only icons whose Simple Icons record names no other licence are included.\n"
            "The brands themselves are trademarks of their owners; Tessera shows them\n"
            "only to help a person recognise their own accounts.\n\n---\n\n"
            f"{licence}\n---\n\n{disclaimer}"
        )
        symbols = [
            f"# Lucide {lu_version} (https://lucide.dev), ISC licence: see lucide-LICENSE.",
            "# Generated by scripts/brand-icons.py; do not edit by hand.",
            "# name\tpath (24x24, stroked 2 wide, round caps and joins)",
        ]
        for name in LUCIDE_SYMBOLS:
            svg = (lu / "icons" / f"{name}.svg").read_text()
            symbols.append(f"{name}\t{clean(lucide_path(svg))}")
        (args.out / "lucide.tsv").write_text("\n".join(symbols) + "\n")
        (args.out / "lucide-LICENSE").write_text((lu / "LICENSE").read_text())
    print(f"{kept} brands, {len(LUCIDE_SYMBOLS)} symbols", file=sys.stderr)
    if missing:
        print("not in Simple Icons (or not CC0): " + ", ".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
