"""Self-contained HTML reports: tables and charts in one file that opens offline, in Chinese and English."""

from .document import BarChart, Block, Histogram, LineChart, Report, Section, Table, Text
from .html import render_html
from .masking import mask_name

__all__ = ["BarChart", "Block", "Histogram", "LineChart", "Report", "Section", "Table", "Text", "mask_name",
           "render_html"]
