"""The client's confirmation form: the case's results to confirm or correct, a testimonial with
an optional photo, a score, what may be published, and the consent. Every field refuses bad
input with its own message and keeps what was valid."""

import contextlib
import threading

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField

from PIL import Image as PILImage
from PIL import ImageFile

from core.untrusted import strip_nul
from leads.forms import ConsentField

from .choices import Publication
from .services.confirmations import CONSENT_TEXT

MAX_METRICS = 20
PHOTO_MAX_BYTES = 5 * 1024 * 1024
#: a portrait needs far fewer; 25 megapixels keeps decompression bombs out
PHOTO_MAX_PIXELS = 25_000_000
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


class PhotoField(WagtailImageField):
    """A portrait: JPEG, PNG or WebP (never SVG: it can carry script), at most 5 MB and
    25 megapixels, its content matching its extension (Wagtail's checks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_image_extensions = PHOTO_EXTENSIONS
        self.max_upload_size = PHOTO_MAX_BYTES
        self.max_upload_size_text = "5 MB"
        self.max_image_pixels = PHOTO_MAX_PIXELS
        self.supported_formats_text = "JPEG, PNG, WebP"
        self.help_text = format_lazy(
            "{} {}",
            _("JPEG, PNG or WebP, up to 5 MB."),
            _("The photo is used only if you allow a named case; otherwise it is not kept."),
        )
        self.error_messages.update(
            {
                "invalid_image_extension": _("Upload a photo in JPEG, PNG or WebP format."),
                "invalid_image": _(
                    "This file is not a photo we can read: upload a JPEG, PNG or WebP."
                ),
                "invalid_image_known_format": _(
                    "The file's content does not match its extension: upload a JPEG, PNG or WebP."
                ),
                "file_too_large": _("This photo is larger than 5 MB."),
                "file_too_large_unknown_size": _("This photo is larger than 5 MB."),
                "file_too_many_pixels": _(
                    "This photo has too many pixels (at most 25 megapixels)."
                ),
            }
        )

    def check_image_file_size(self, f):
        if f.size > self.max_upload_size:
            raise ValidationError(self.error_messages["file_too_large"], code="file_too_large")

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"], code="file_too_many_pixels"
            ) from None
        except Exception:  # noqa: BLE001 - a broken header: Pillow raises OSError, SyntaxError…
            raise self._unreadable() from None

    def to_python(self, data):
        """Wagtail's checks read only the header; the whole image is decoded here too, so a
        truncated or corrupt file is refused with the form's message instead of a 500, and
        never stored."""
        f = super().to_python(data)
        if f is not None:
            self.check_image_decodes(f)
        return f

    def check_image_decodes(self, f):
        """Pillow's ``verify`` (structure, checksums) then ``load`` (every pixel) on a fresh
        open each, as ``verify`` leaves the image unusable. The pixel count was checked before,
        so decoding stays within PHOTO_MAX_PIXELS; Pillow's own bomb limit is caught too.

        Pillow's process-wide ``LOAD_TRUNCATED_IMAGES`` is switched off while decoding: WeasyPrint
        switches it on when imported (for the proposals' PDFs), and a truncated photo would then
        decode silently with grey where its data stops."""
        try:
            with _truncated_images_refused():
                self._decode(f)
        except PILImage.DecompressionBombError:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"], code="file_too_many_pixels"
            ) from None
        except Exception:  # noqa: BLE001 - truncated data, bad checksums, unknown codecs
            raise self._unreadable() from None
        finally:
            f.seek(0)

    @staticmethod
    def _decode(f) -> None:
        for step in ("verify", "load"):
            f.seek(0)
            with PILImage.open(f) as image:
                getattr(image, step)()

    def _unreadable(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid_image"], code="invalid_image")


_truncation_lock = threading.Lock()


@contextlib.contextmanager
def _truncated_images_refused():
    with _truncation_lock:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


class MetricForm(forms.Form):
    """One result: the same limits as ``cases.CaseMetric``."""

    label = forms.CharField(label=_("What was measured"), max_length=160)
    value_before = forms.DecimalField(label=_("Before"), max_digits=16, decimal_places=2)
    value_after = forms.DecimalField(label=_("After"), max_digits=16, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    period = forms.CharField(label=_("Period"), max_length=80, required=False)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)


class BaseMetricFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.rows():
            raise ValidationError(_("Keep at least one result, or add one."), code="no_metrics")

    def rows(self) -> list[dict]:
        return [
            {key: strip_nul(value) for key, value in form.cleaned_data.items() if key != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


MetricFormSet = forms.formset_factory(
    MetricForm,
    formset=BaseMetricFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_METRICS,
    validate_max=True,
    absolute_max=MAX_METRICS,
)


def metric_initial(case) -> list[dict]:
    return [
        {
            "label": metric.label,
            "value_before": metric.value_before,
            "value_after": metric.value_after,
            "unit": metric.unit,
            "period": metric.period,
            "higher_is_better": metric.higher_is_better,
        }
        for metric in case.metrics.all()
    ]


class ConfirmationForm(forms.Form):
    quote = forms.CharField(
        label=_("Your testimonial"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(label=_("Your name"), max_length=160, required=False)
    position = forms.CharField(label=_("Your position"), max_length=160, required=False)
    photo = PhotoField(label=_("Your photo (optional)"), required=False)
    score = forms.TypedChoiceField(
        label=_("How likely are you to recommend us? (1–10)"),
        choices=[(str(n), str(n)) for n in range(1, 11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score from 1 to 10.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    publication = forms.ChoiceField(
        label=_("May we publish this case?"),
        choices=Publication.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what we may publish.")},
    )
    may_be_reference = forms.BooleanField(
        label=_("You may give my contact to prospective clients as a reference"), required=False
    )
    consent = ConsentField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the consent box to send your answer.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("quote") and not data.get("name"):
            self.add_error("name", _("Enter your name to go with the testimonial."))
        if data.get("photo") and not data.get("quote"):
            self.add_error(
                "photo", _("A photo goes with a testimonial: write one, or remove the photo.")
            )
        return data
