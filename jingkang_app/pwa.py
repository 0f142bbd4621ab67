"""Head tags that make Jingkang an installable, offline-capable PWA (files live in assets/)."""

import reflex as rx

THEME_COLOUR = "#0f766e"
MANIFEST_URL = "/manifest.webmanifest"
APPLE_TOUCH_ICON_URL = "/icons/apple-touch-icon.png"
SW_REGISTER_URL = "/sw-register.js"


def head_components() -> list[rx.Component]:
    # rx.el.script, not rx.script: rx.script wraps the tag in react-helmet, which adds it only
    # client-side; a plain element is in the prerendered HTML and runs before the app hydrates.
    return [
        rx.el.link(rel="manifest", href=MANIFEST_URL),
        rx.el.meta(name="theme-color", content=THEME_COLOUR),
        rx.el.link(rel="apple-touch-icon", href=APPLE_TOUCH_ICON_URL),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.script(src=SW_REGISTER_URL, defer=True),
    ]
