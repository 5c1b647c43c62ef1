"""/spotter: invite a spotter with a single-use, expiring link; accept one in your own chat;
follow a session; end a pairing from either side."""

from __future__ import annotations

import secrets

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.flows.spotter.session import FOLLOW, SPOT_PREFIX, UNPAIR, partner_name
from bot.runtime.deep_links import private_chat_link
from bot.runtime.delivery import Priority
from bot.runtime.language import remember_first_language
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext
from bot.runtime.taps import redraw, tapped
from bot.storage.spotters import RUNNER, SPOTTER, Acceptance
from bot.texts import spotter as texts

INVITE_PAYLOAD = "spot-"  # /start payload of an invitation: "spot-<token>"
INVITE_SECONDS = texts.INVITE_HOURS * 3600
_TOKEN_BYTES = 12  # 16 URL-safe characters: a /start payload takes up to 64


async def invite(update: Update, context: CoachContext) -> None:
    """/spotter: who you are paired with (with a button to end each), and a fresh link."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return
    services = context.services
    await services.runners.record_contact(user.id, chat.id, user.first_name, services.now())
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    expires_at = services.now().timestamp() + INVITE_SECONDS
    await services.spotters.invite(user.id, token, expires_at)
    lines, buttons = [], []
    for role, line in ((RUNNER, texts.YOUR_SPOTTERS), (SPOTTER, texts.YOU_SPOT)):
        partners = await services.spotters.partners(user.id, role)
        names = [await partner_name(context.application, partner) for partner in partners]
        if names:
            lines.append(line.format(names=", ".join(names)))
        buttons += [
            [
                InlineKeyboardButton(
                    texts.BUTTON_UNPAIR.format(name=name),
                    callback_data=f"{SPOT_PREFIX}|{UNPAIR}|{partner}",
                )
            ]
            for partner, name in zip(partners, names, strict=True)
        ]
    link = private_chat_link(context.bot, INVITE_PAYLOAD + token)
    lines.append(texts.INVITE.format(link=link, hours=texts.INVITE_HOURS))
    await message.reply_text(
        "\n\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons) if buttons else None
    )


async def accept(update: Update, context: CoachContext) -> None:
    """/start spot-<token> in the spotter's own chat: pair them with the runner, once."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None or not context.args:
        return
    services = context.services
    await services.runners.record_contact(user.id, chat.id, user.first_name, services.now())
    await remember_first_language(services, user.id, user.language_code)
    token = context.args[0].removeprefix(INVITE_PAYLOAD)
    outcome, runner_id = await services.spotters.accept(token, user.id, services.now())
    if outcome is Acceptance.INVALID or runner_id is None:
        await message.reply_text(texts.LINK_INVALID)
        return
    if outcome is Acceptance.OWN:
        await message.reply_text(texts.LINK_OWN)
        return
    name = await partner_name(context.application, runner_id)
    await message.reply_text(texts.PAIRED_SPOTTER.format(runner=name))
    await send_or_mark_unreachable(
        context.application,
        runner_id,
        texts.PAIRED_RUNNER.format(spotter=user.first_name or texts.SOMEONE),
        priority=Priority.REPLY,
        what="a spotter's acceptance",
    )


async def tap_spotter_button(update: Update, context: CoachContext) -> None:
    """ "Send me the cues" (the spotter follows a session) or "End pairing with …"."""
    tap = await tapped(update)
    if tap is None:
        return
    partner = tap.number(2)
    action = tap.data[1] if len(tap.data) == 3 else ""
    if partner is None or action not in (FOLLOW, UNPAIR):
        return
    spotters = context.services.spotters
    name = await partner_name(context.application, partner)
    if action == FOLLOW:
        live = await context.services.live_sessions.get(partner)
        if live is None or not await spotters.follow(tap.user_id, partner, on=True):
            await tap.message.reply_text(texts.NOT_FOLLOWING.format(runner=name))
            return
        await redraw(tap, markup=None)
        await tap.message.reply_text(texts.FOLLOWING.format(runner=name))
        return
    # Either side may end it, and the two may spot each other: end both ways.
    ended_as_runner = await spotters.unpair(tap.user_id, partner)
    ended_as_spotter = await spotters.unpair(partner, tap.user_id)
    if not (ended_as_runner or ended_as_spotter):
        await tap.message.reply_text(texts.NOT_PAIRED)
        return
    me = await partner_name(context.application, tap.user_id)
    await tap.message.reply_text(texts.UNPAIRED.format(name=name))
    await send_or_mark_unreachable(
        context.application,
        partner,
        texts.UNPAIRED_PARTNER.format(name=me),
        priority=Priority.REPLY,
        what="the end of a spotter pairing",
    )


def build_spotter_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/spotter, the invitation link's /start, and the spotter buttons. Put before the
    onboarding's /start, which would otherwise take the invitation."""
    return [
        CommandHandler("spotter", invite),
        CommandHandler(
            "start", accept, filters=filters.Regex(rf"^/start(@\w+)? {INVITE_PAYLOAD}[\w-]+$")
        ),
        CallbackQueryHandler(tap_spotter_button, pattern=rf"^{SPOT_PREFIX}\|"),
    ]
