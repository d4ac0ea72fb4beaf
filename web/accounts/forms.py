from django import forms

from web.accounts.models import Role


class UserCreateForm(forms.Form):
    username = forms.CharField(label="Brugernavn", max_length=150)
    role = forms.ChoiceField(label="Rolle", choices=Role.choices)
    areas = forms.MultipleChoiceField(label="Områder (controller; ingen = alle)", required=False,
                                      widget=forms.CheckboxSelectMultiple)
    password = forms.CharField(label="Adgangskode (tom = generér)", required=False,
                               widget=forms.PasswordInput(render_value=False))

    def __init__(self, *args, area_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices


class UserChangeForm(forms.Form):
    role = forms.ChoiceField(label="Rolle", choices=Role.choices)
    areas = forms.MultipleChoiceField(label="Områder (controller; ingen = alle)", required=False,
                                      widget=forms.CheckboxSelectMultiple)
    is_active = forms.BooleanField(label="Aktiv", required=False)

    def __init__(self, *args, area_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices
