"""A walkthrough summary as a PDF (fpdf2). The participant's simpler copy starts on a new page.

The PDF core fonts cover Latin-1 (æ, ø, å, é, §, « »); the few other characters the texts use are
written as their nearest Latin-1 form, so no font file is needed on the server."""
from __future__ import annotations

from fpdf import FPDF

from .dates import format_date
from .summary_text import HEADS, participant_copy

_REPLACE = {"•": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...",
            "\u00a0": " ", "≤": "<=", "≥": ">="}


def latin1(text: str) -> str:
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Word-wrap for the current font. fpdf2's multi_cell measures every character again for
    every candidate break (about a second for one summary); measuring words is enough here."""
    widths = pdf.current_font.cw  # core font: character -> width in 1/1000 of the font size
    scale = pdf.font_size / 1000

    def measure(word: str) -> float:
        return sum(widths.get(ch, 600) for ch in word) * scale

    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used = "", 0.0
        for word in paragraph.split():
            w = measure(word)
            if current and used + space + w > width:
                lines.append(current)
                current, used = word, w
            else:
                current, used = (f"{current} {word}", used + space + w) if current else (word, w)
        lines.append(current)
    return lines


class _Doc(FPDF):
    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, latin1(f"Familieveileder - side {self.page_no()}"), align="C")


def render(summary) -> bytes:
    pdf = _Doc(format="A4")
    pdf.set_title(latin1(summary.title))
    pdf.set_author("Familieveileder")
    pdf.set_lang("nb")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def lines(text: str, height: float) -> None:
        for line in wrap(pdf, latin1(text), width):
            pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", size)
        lines(text, 7)
        pdf.set_font("Helvetica", size=10.5)

    def para(text: str) -> None:
        lines(text, 5.5)
        pdf.ln(1)

    def pairs(rows) -> None:
        for label, value in rows:
            para(f"{label}: {value}")

    heading(summary.title, 16)
    para(f"Laget {format_date(summary.made_on)}."
         + ("" if summary.complete else " Noen svar mangler, så oppsummeringen er ikke hel."))
    heading(HEADS["situation"])
    pairs(summary.situation)
    heading(HEADS["rights"])
    for text in summary.rights:
        para(text)
    if summary.sources:
        para("Kilder: " + "; ".join(summary.sources) + ".")
    heading(HEADS["dates"])
    if summary.dates:
        for d in summary.dates:
            para(f"{d.label}: {d.text}." + (f" {d.note}" if d.note else ""))
    else:
        para("Ingen datoer ennå.")
    heading(HEADS["choices"])
    pairs(summary.choices) if summary.choices else para("Ingen valg i denne gjennomgangen.")
    heading(HEADS["next_steps"])
    for t in summary.next_steps:
        para(f"- {t}")
    pdf.set_font("Helvetica", "I", 10)
    para(summary.disclaimer)
    pdf.add_page()
    heading(HEADS["simple"], 15)
    pdf.set_font("Helvetica", size=13)
    for t in participant_copy(summary):
        lines(t, 7)
        pdf.ln(2)
    return bytes(pdf.output())
