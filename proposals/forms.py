"""The proposal edit form: amounts that no column (and no deal) could hold are refused."""

from decimal import Decimal

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm

from core.untrusted import sane_date

from . import money


class ProposalForm(WagtailAdminModelForm):
    """Each line is checked by ``ProposalLine.clean``; here the proposal's subtotal and total,
    computed as ``proposal_recalculate`` will, once every field and line is valid."""

    def clean_valid_until(self):
        """Within ``sane_date``'s years: sending makes the link expire at the day's end in the
        site's zone, which 9999-12-31 in New York is past any time UTC has."""
        valid_until = self.cleaned_data.get("valid_until")
        sane_date(valid_until)
        return valid_until

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        if not self._team_phases_exist():
            return False
        currency = self.cleaned_data.get("currency") or self.instance.currency
        formset = self.formsets["lines"]
        deleted = set(formset.deleted_forms)
        line_totals = [
            money.line_total(
                form.cleaned_data["quantity"], form.cleaned_data["unit_price"], currency
            )
            for form in formset.forms
            if form not in deleted
            and form.cleaned_data.get("quantity") is not None
            and form.cleaned_data.get("unit_price") is not None
        ]
        result = money.totals(
            line_totals,
            discount_percent=self.cleaned_data.get("discount_percent") or Decimal(0),
            tax_rate=self.cleaned_data.get("tax_rate") or Decimal(0),
            currency=currency,
        )
        largest = max(result["subtotal"], result["total"])
        if money.fits(largest):
            return True
        self.add_error(None, money.too_large_message("proposal", largest, currency))
        return False

    def _team_phases_exist(self) -> bool:
        """A team member's phase number names one of the phases kept in this form."""
        phases = self.formsets.get("phases")
        team = self.formsets.get("chosen_experts")
        if phases is None or team is None:
            return True
        deleted = set(phases.deleted_forms)
        count = sum(
            1
            for form in phases.forms
            if form not in deleted and (form.instance.pk or form.has_changed())
        )
        valid = True
        for form in team.forms:
            if form in team.deleted_forms:
                continue
            number = form.cleaned_data.get("phase_number")
            if number and number > count:
                form.add_error(
                    "phase_number",
                    _("There is no phase %(number)s: the proposal has %(count)s.")
                    % {"number": number, "count": count},
                )
                valid = False
        return valid
