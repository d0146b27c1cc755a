"""A walkthrough summary as a printable HTML document (print styles; the participant's simpler
copy on its own page). Jinja2 with autoescaping: nothing typed can become markup."""
from __future__ import annotations

from jinja2 import Environment

from .dates import format_date
from .summary_text import HEADS, participant_copy

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_TEMPLATE = _ENV.from_string("""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ s.title }}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; line-height: 1.5;
         color: #1a1a1a; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem;
       border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
  .meta { color: #444; margin-top: 0; } table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #ccc; }
  th { width: 40%; font-weight: 600; } .note { color: #444; font-size: .95em; }
  .simple { font-size: 1.1rem; } .disclaimer { margin-top: 2rem; color: #333; font-style: italic; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; text-decoration: none; }
    h2 { break-after: avoid; } tr, li { break-inside: avoid; }
    .participant { break-before: page; } .no-print { display: none; }
  }
</style>
</head>
<body>
<main>
<h1>{{ s.title }}</h1>
<p class="meta">Laget {{ made }}.{% if not s.complete %} Noen svar mangler, så oppsummeringen er ikke hel.{% endif %}</p>
<section aria-labelledby="h-situation">
<h2 id="h-situation">{{ heads.situation }}</h2>
<table>
{% for label, value in s.situation %}<tr><th scope="row">{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}
</table>
</section>
<section aria-labelledby="h-rights">
<h2 id="h-rights">{{ heads.rights }}</h2>
{% for text in s.rights %}<p>{{ text }}</p>
{% endfor %}
{% if s.sources %}<p class="note">Kilder: {{ s.sources | join("; ") }}.</p>{% endif %}
</section>
<section aria-labelledby="h-dates">
<h2 id="h-dates">{{ heads.dates }}</h2>
{% if s.dates %}<table>
{% for d in s.dates %}<tr><th scope="row">{{ d.label }}</th><td><time datetime="{{ d.day.isoformat() }}">{{ d.text }}</time>{% if d.note %} <span class="note">{{ d.note }}</span>{% endif %}</td></tr>
{% endfor %}
</table>{% else %}<p>Ingen datoer ennå.</p>{% endif %}
</section>
<section aria-labelledby="h-choices">
<h2 id="h-choices">{{ heads.choices }}</h2>
{% if s.choices %}<table>
{% for label, value in s.choices %}<tr><th scope="row">{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}
</table>{% else %}<p>Ingen valg i denne gjennomgangen.</p>{% endif %}
</section>
<section aria-labelledby="h-next">
<h2 id="h-next">{{ heads.next_steps }}</h2>
<ul>
{% for t in s.next_steps %}<li>{{ t }}</li>
{% endfor %}
</ul>
</section>
<p class="disclaimer">{{ s.disclaimer }}</p>
<section class="participant simple" aria-labelledby="h-simple" lang="nb">
<h2 id="h-simple">{{ heads.simple }}</h2>
{% for t in simple %}<p>{{ t }}</p>
{% endfor %}
</section>
</main>
</body>
</html>
""")


def render(summary) -> str:
    return _TEMPLATE.render(s=summary, heads=HEADS, made=format_date(summary.made_on),
                            simple=participant_copy(summary))
