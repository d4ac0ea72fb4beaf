from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model

from web.accounts.models import Role
from web.worklist.models import NEEDS_AMOUNT, NEEDS_COMMENT, Status

SORTS = {
    "-potential": ("Beløb (størst først)", "potential_amount_dkk desc, flag_id"),
    "potential": ("Beløb (mindst først)", "potential_amount_dkk asc, flag_id"),
    "-first_seen": ("Først set (nyeste først)", "first_seen_date desc, potential_amount_dkk desc, flag_id"),
    "first_seen": ("Først set (ældste først)", "first_seen_date asc, potential_amount_dkk desc, flag_id"),
    "check": ("Kontrol", "check_code, potential_amount_dkk desc, flag_id"),
}
RAISED = (("ja", "Rejst i seneste kørsel"), ("nej", "Ikke længere rejst"), ("alle", "Alle"))


class FlagFilterForm(forms.Form):
    """The worklist's filter (GET). Choices come from the served file's reference data."""

    check = forms.ChoiceField(label="Kontrol", required=False)
    area = forms.ChoiceField(label="Område", required=False)
    priority = forms.ChoiceField(label="Prioritet", required=False,
                                 choices=(("", "Alle"), ("red", "Rød"), ("blue", "Blå")))
    status = forms.ChoiceField(label="Status", required=False, choices=(("", "Alle"), *Status.choices))
    counterparty = forms.ChoiceField(label="Modpartskommune", required=False)
    amount_min = forms.DecimalField(label="Beløb fra (kr.)", required=False, min_value=0, decimal_places=2, localize=True)
    amount_max = forms.DecimalField(label="Beløb til (kr.)", required=False, min_value=0, decimal_places=2, localize=True)
    new_since = forms.DateField(label="Nye siden", required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                                widget=forms.DateInput(attrs={"placeholder": "dd.mm.åååå"}))
    raised = forms.ChoiceField(label="Rejst", required=False, choices=RAISED)
    sort = forms.ChoiceField(label="Sortér", required=False,
                             choices=[(key, label) for key, (label, _) in SORTS.items()])
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, reference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].choices = [("", "Alle"), *sorted(reference.checks.items(), key=lambda c: c[1])]
        self.fields["area"].choices = [("", "Alle"), *sorted(reference.areas.items(), key=lambda a: a[1])]
        self.fields["counterparty"].choices = [("", "Alle"), *[
            (code, f"{code} {name}") for code, name in sorted(reference.municipalities.items())]]

    def criteria(self) -> dict:
        """The cleaned filter, with defaults, as the query and the audit record take it."""
        data = self.cleaned_data if self.is_valid() else {}
        return {key: value for key, value in {
            "check": data.get("check") or None,
            "area": data.get("area") or None,
            "priority": data.get("priority") or None,
            "status": data.get("status") or None,
            "counterparty": data.get("counterparty") or None,
            "amount_min": data.get("amount_min"),
            "amount_max": data.get("amount_max"),
            "new_since": data.get("new_since"),
            "raised": data.get("raised") or "ja",
            "sort": data.get("sort") or "-potential",
        }.items()}


def _controllers():
    return get_user_model().objects.filter(is_active=True, profile__role=Role.CONTROLLER).order_by("username")


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Status.choices)
    recovered_amount_dkk = forms.DecimalField(label="Opkrævet beløb (kr.)", required=False, min_value=Decimal("0"),
                                              max_digits=14, decimal_places=2, localize=True)
    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(label="Ansvarlig", queryset=None, required=False)
    follow_up_date = forms.DateField(label="Opfølgningsdato", required=False,
                                     input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                                     widget=forms.DateInput(attrs={"placeholder": "dd.mm.åååå"}))

    def __init__(self, *args, potential_amount=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _controllers()
        self.potential_amount = potential_amount

    def clean(self):
        data = super().clean()
        status, amount = data.get("status"), data.get("recovered_amount_dkk")
        if status in NEEDS_AMOUNT and amount is None:
            self.add_error("recovered_amount_dkk", "Angiv det opkrævede beløb.")
        if (status == Status.PARTLY_RECOVERED and amount is not None and self.potential_amount is not None
                and amount >= self.potential_amount):
            self.add_error("recovered_amount_dkk", "Delvist opkrævet skal være mindre end potentialet.")
        if status in NEEDS_COMMENT and not (data.get("comment") or "").strip():
            self.add_error("comment", "En afvisning skal begrundes i kommentaren.")
        if status not in NEEDS_AMOUNT and amount is not None:
            self.add_error("recovered_amount_dkk", "Kun opkrævet og delvist opkrævet har et beløb.")
        return data


class RevealForm(forms.Form):
    reason = forms.CharField(label="Begrundelse for at se CPR-nummeret", min_length=10, max_length=500,
                             widget=forms.TextInput(attrs={"autocomplete": "off"}),
                             error_messages={"min_length": "Begrundelsen skal være mindst 10 tegn.",
                                             "required": "Angiv en begrundelse."})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError("Begrundelsen skal være mindst 10 tegn.")
        return reason
