"""``{% url %}`` with each address reversed once per process
(``core.links.remembered_reverse``): the same syntax and output as Django's
tag, which this library replaces in every template (it is one of the
template engine's ``builtins``, settings.TEMPLATES). Every page's header
and menu hold a dozen links; reversing them took a fifth of a page's
template rendering."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from core.links import remembered_reverse

register = template.Library()


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = [(name, value.resolve(context)) for name, value in self.kwargs.items()]
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        address = ""
        try:
            address = remembered_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def url(parser, token):
    """Django's ``{% url %}`` (the same arguments), remembered."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
