"""StreamField blocks shared by every content app."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_with_caption_block.html"
        description = _("An image with an optional caption")
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False, max_length=255)
    role = blocks.CharBlock(label=_("Position"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quotation with its author")
        label = _("Quote")
        preview_value = {
            "text": "They delivered on time and the numbers speak for themselves.",
            "author": "Anna Petrova",
            "role": "CTO",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube, Vimeo or RuTube link."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = _("An embedded video")
        label = _("Video")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Link to page"), required=False)
    url = blocks.URLBlock(label=_("Or external link"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = _("A highlighted invitation to act, with a button")
        label = _("Call to action")
        preview_value = {
            "title": "Tell us about your project",
            "text": "We answer within one working day.",
            "button_text": "Send a request",
            "url": "https://example.com/contact/",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "help"
        template = "blocks/faq_item_block.html"
        description = _("One question with its answer")
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        description = _("Frequently asked questions")
        label = _("FAQ")
        preview_value = {
            "title": "Questions",
            "items": [
                {"question": "How long does it take?", "answer": "<p>Usually six weeks.</p>"}
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=40, help_text=_("For example: 120+"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        template = "blocks/key_figure_block.html"
        description = _("A number that speaks for the company")
        label = _("Key figure")
        preview_value = {"value": "120+", "label": "projects delivered"}


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ul", "ol", "blockquote"]


class BodyStreamBlock(blocks.StreamBlock):
    """The free-form body of any content page."""

    rich_text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        template="blocks/rich_text_block.html",
        icon="pilcrow",
        description=_("Formatted text"),
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    key_figure = KeyFigureBlock()


class GalleryStreamBlock(blocks.StreamBlock):
    """Images and videos shown as a gallery."""

    image = ImageWithCaptionBlock()
    video = VideoBlock()
