"""Instructors send a YAML or CSV file of their own questions; /questions sends the templates."""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError

from bot.domain.uploads import MAX_BYTES, UploadError
from bot.i18n import N_, Translator
from bot.services.instructors import Denied
from bot.services.uploads import Imported
from handlers import instructor_views as iv
from handlers.common import AppContext, h, sender, tr
from handlers.text import pack

ERRORS_SHOWN = 25
TEMPLATE_CSV = (
    "id;competency;type;language;question;options;correct;answer;explanation;difficulty\n"
    "q1;2.3;single;fr;Mme Keller hésite entre deux abonnements. Que fais-tu d'abord ?;"
    "Je propose le plus cher | Je pose des questions sur son usage | J'envoie la liste des prix;2;;"
    "Conseiller part des besoins : d'abord des questions.;1\n"
    "q2;3.2;true_false;fr;Un sourire s'entend au téléphone.;;;true;La voix change quand on sourit.;1\n"
)
TEMPLATE_YAML = """items:
  - id: q3
    competency: "4.3"
    type: multiple
    language: de
    question: "Eine Kundin beschwert sich. Was hilft?"
    options: ["Zuhören", "Unterbrechen", "Zusammenfassen"]
    correct: [1, 3]
    explanation: "Zuhören und Zusammenfassen beruhigen."
    difficulty: 2
  - id: q4
    competency: "1.2"
    type: ordering
    language: de
    question: "Reihenfolge bei Dienstbeginn?"
    options: ["Computer starten", "CRM öffnen", "Auf verfügbar schalten"]
    explanation: "Erst die Werkzeuge, dann verfügbar."
"""


ERROR_MESSAGES = {
    "too_big": N_("The file is over {kb} KB."),
    "not_utf8": N_("The file is not UTF-8 text."),
    "file_type": N_("Send a .csv, .yaml or .yml file."),
    "empty": N_("The file has no questions."),
    "too_many": N_("At most {max} questions per file."),
    "yaml_alias": N_("YAML anchors and aliases (& and *) are not allowed."),
    "yaml_syntax": N_("This is not valid YAML."),
    "yaml_shape": N_("The YAML must be a list of questions under “items:”."),
    "csv_header": N_("The first line must name the columns: {columns}"),
    "csv_syntax": N_("This is not valid CSV."),
    "not_a_question": N_("This entry is not a question."),
    "missing": N_("“{field}” is missing."),
    "bad_id": N_("The ID “{id}” may only have letters, digits, - and _ (at most 20)."),
    "bad_competency": N_("Unknown competency “{value}” (e.g. 2.3)."),
    "bad_type": N_("Unknown type “{value}”; use {types}."),
    "bad_language": N_("Unknown language “{value}”; use fr, de, it or en."),
    "too_long": N_("“{field}” is longer than {max} characters."),
    "bad_option": N_("Every option needs 1 to {max} characters."),
    "option_count": N_("This type needs {min} to {max} options."),
    "bad_correct": N_("“correct” must name the right options by number (1, 2, …)."),
    "single_needs_one": N_("A single-choice question has exactly one right option."),
    "bad_answer": N_("“answer” must be true or false."),
    "bad_difficulty": N_("“difficulty” is 1, 2 or 3."),
    "duplicate_id": N_("The ID “{id}” is used twice in the file."),
}


def error_text(error: UploadError, _: Translator) -> str:
    template = ERROR_MESSAGES.get(error.code)
    message = _(template, **error.values) if template else error.code
    return _("line {line}: {message}", line=error.line, message=message) if error.line else message


async def document_message(update: Update, context: AppContext) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    refused = await context.services.uploads.may_upload(sender(update))
    if refused is not None:
        _ = tr(refused.language)
        await message.reply_text(_("Only instructors can upload questions."))
        return
    document = message.document
    name = document.file_name or "upload"
    if (document.file_size or 0) > MAX_BYTES:
        screen_language = (await context.services.learners.profile(sender(update))).language
        _ = tr(screen_language)
        await message.reply_text(_("The file is over {kb} KB.", kb=MAX_BYTES // 1024))
        return
    try:
        data = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    except TelegramError:
        screen_language = (await context.services.learners.profile(sender(update))).language
        await message.reply_text(tr(screen_language)("😕 Something went wrong on my side. Please try again."))
        return
    screen = await context.services.uploads.import_file(sender(update), name, data)
    _ = tr(screen.language)
    match screen.content:
        case Denied() as denied:
            await message.reply_text(iv.denied_text(denied, _))
        case Imported() as imported:
            await message.reply_text(
                _(
                    "✅ {added} questions added, {updated} updated. Use them in a campaign: /campaigns → 📂 My own questions.",
                    added=imported.added,
                    updated=imported.updated,
                )
            )
        case errors:
            lines = [
                _(
                    "❌ <b>{name}</b> was not imported — nothing changed. Fix these lines and send it again:",
                    name=h(name),
                )
            ]
            lines += [h(error_text(error, _)) for error in errors[:ERRORS_SHOWN]]
            if len(errors) > ERRORS_SHOWN:
                lines.append(_("… and {n} more.", n=len(errors) - ERRORS_SHOWN))
            for text in pack(["\n".join(lines)]):
                await message.reply_text(text)


async def questions_command(update: Update, context: AppContext) -> None:
    """/questions: the format and two templates to fill in."""
    assert update.message is not None
    refused = await context.services.uploads.may_upload(sender(update))
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    if refused is not None:
        await update.message.reply_text(_("Only instructors can upload questions."))
        return
    await update.message.reply_text(
        _(
            "📂 Your own questions: fill in a template and send it back as a file (CSV or YAML, at most 500 "
            "questions). Columns: id, competency, type (single, multiple, true_false, ordering), language, question, "
            "options (CSV: separated by |), correct (numbers from 1), answer (true/false), explanation, difficulty. "
            "Sending a file again updates the questions with the same id."
        )
    )
    await context.bot.send_document(
        update.message.chat_id, TEMPLATE_CSV.encode(), filename="questions-template.csv"
    )
    await context.bot.send_document(
        update.message.chat_id, TEMPLATE_YAML.encode(), filename="questions-template.yaml"
    )
