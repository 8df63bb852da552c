"""What a column of the file can mean: the target fields of each kind of import.

PACKAGE B. Contract:

- target keys (stable, stored in saved mappings): ``contact.name``, ``contact.first_name``,
  ``contact.last_name``, ``contact.email``, ``contact.phone`` (several columns may map to it:
  the first valid one wins, the others go to the timeline), ``contact.position``,
  ``contact.external_ref``, ``company.name``, ``company.tax_number``, ``company.website``,
  ``company.phone``, ``company.external_ref``, ``deal.title``, ``deal.amount``,
  ``deal.currency``, ``deal.pipeline``, ``deal.stage``, ``deal.owner``, ``deal.created_at``,
  ``deal.stage_entered_at``, ``deal.closed_at``, ``deal.expected_close_date``,
  ``deal.probability``, ``deal.source``, ``deal.utm_source``, ``deal.utm_medium``,
  ``deal.utm_campaign``, ``deal.utm_term``, ``deal.utm_content``, ``deal.referrer``,
  ``deal.lost_reason``, ``deal.lost_comment``, ``deal.external_ref``, ``deal.services``,
  ``custom.<key>`` (a pipeline's custom field), ``note`` (several: timeline text), ``""`` (skip).
- ``targets_for(kind, *, pipeline=None) -> list[Target]`` (with the pipeline's custom fields);
  ``guess_mapping(headers, kind, *, preset=None) -> dict[int, str]`` (column index → key);
  ``PRESETS`` (in ``presets.py``): ``amocrm_deals``, ``amocrm_contacts``, ``bitrix24_deals``,
  ``bitrix24_leads``, ``vitrina`` (our own export).
"""
