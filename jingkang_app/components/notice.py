"""A message that appears when a state holds one: refusals as alerts, confirmations as status."""

import reflex as rx


def error_notice(message: rx.Var, **props) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="circle-alert", color_scheme="red", role="alert", width="100%", **props),
    )


def success_notice(message: rx.Var, **props) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="check", color_scheme="green", role="status", width="100%", **props),
    )
