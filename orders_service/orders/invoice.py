"""An order's invoice as a one-page PDF (fpdf2)."""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF

from orders_service.orders.models import Order


def render_invoice(order: Order) -> bytes:
    """The invoice: order id, date, parties, gig, price, service fee, total."""
    pdf = FPDF(format="A4")
    pdf.set_title(f"Bazaar invoice {order.pk}")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.cell(0, 12, "Bazaar - Invoice", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    for label, value in _header(order):
        _line(pdf, label, value)
    pdf.ln(6)
    pdf.set_font("helvetica", "B", 11)
    _line(pdf, "Item", "Amount")
    pdf.set_font("helvetica", size=11)
    currency = order.currency.upper()
    _line(pdf, _latin1(order.gig_title), _amount(order.price, currency))
    _line(pdf, "Service fee", _amount(order.service_fee, currency))
    pdf.set_font("helvetica", "B", 11)
    _line(pdf, "Total paid", _amount(order.total, currency))
    return bytes(pdf.output())


def _header(order: Order) -> list[tuple[str, str]]:
    return [
        ("Order", str(order.pk)),
        ("Date", f"{order.placed_at:%Y-%m-%d}"),
        ("Buyer", _latin1(order.buyer_username)),
        ("Seller", _latin1(order.seller_username)),
        ("Gig", f"#{order.gig_id} {_latin1(order.gig_title)}"),
        ("Status", order.status.replace("_", " ")),
    ]


def _line(pdf: FPDF, label: str, value: str) -> None:
    pdf.cell(60, 8, label)
    pdf.cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")


def _amount(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _latin1(text: str) -> str:
    # The PDF's built-in fonts cover Latin-1 only; other characters print as "?".
    return text.encode("latin-1", "replace").decode("latin-1")
