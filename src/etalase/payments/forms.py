from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MerchantQRForm(forms.Form):
    payload = forms.CharField(
        label=_("QR payload (the text inside your code)"),
        required=False,
        max_length=512,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
    )
    image = forms.FileField(
        label=_("…or a photo or screenshot of your QR code"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 8 MB."),
    )

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image.size > settings.IMAGE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The picture is too large (at most %(mb)d MB)."),
                code="too_large",
                params={"mb": settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)},
            )
        return image

    def clean(self):
        data = super().clean()
        if not data.get("payload") and not data.get("image") and not self.errors:
            raise forms.ValidationError(
                _("Paste the QR payload or upload a picture of the code."), code="empty"
            )
        return data


class AmountForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), min_value=0.01, max_digits=12, decimal_places=2)
