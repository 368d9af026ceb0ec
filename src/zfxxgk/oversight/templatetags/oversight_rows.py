"""{% compare_rows comparisons %}: the comparison table's rows, written in Python (views/rows.py)."""
from django import template

from ..views.rows import compare_rows_html

register = template.Library()
register.simple_tag(compare_rows_html, name="compare_rows")
