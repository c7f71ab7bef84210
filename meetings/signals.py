"""A committee, however it is created (page, admin, fixture), starts with the usual standing
items and the standard report sections."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from meetings.models import Committee


@receiver(post_save, sender=Committee, dispatch_uid="committee-standing-items")
def committee_created(sender, instance, created, **kwargs):
    if created:
        from meetings.report_templates import report_sections_default
        from meetings.standing_items import standing_items_default

        standing_items_default(committee=instance)
        report_sections_default(committee=instance)
