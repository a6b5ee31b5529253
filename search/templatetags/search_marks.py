from django import template

from search.highlight import highlight

register = template.Library()


@register.simple_tag
def marked(text, terms, around=False):
    """The text escaped, with the matched words in <mark>."""
    return highlight(str(text), set(terms or ()), around=around)
