from django import forms


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label="I confirm that, to the best of my knowledge, these answers are accurate and the evidence supports them",
        error_messages={"required": "Confirm that the answers are accurate before you submit"},
    )
