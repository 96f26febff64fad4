"""Pages of the administrative procedures catalog and the hotline page."""

from __future__ import annotations

from collections import Counter

from cchc.content.models import Content, Procedure
from cchc.site import urls
from cchc.site.page import GeneratedPage
from cchc.text import fold
from cchc.timeutil import format_date

ONLINE_LABELS = {
    "toàn trình": "Dịch vụ công trực tuyến toàn trình",
    "một phần": "Dịch vụ công trực tuyến một phần",
    "không": "Chưa có dịch vụ công trực tuyến",
}
LEVELS = ("tỉnh", "huyện", "xã")


def procedure_summary(procedure: Procedure) -> dict:
    """The short record of a procedure: what the catalog lists and procedures.json holds."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field,
        "level": procedure.level,
        "agency": procedure.agency,
        "online": procedure.online or "không",
        "online_url": procedure.online_url,
        "processing_time": procedure.processing_time,
        "fee": procedure.fee,
        "url": urls.page_url(urls.procedure(procedure.code)),
        "updated": procedure.updated.isoformat() if procedure.updated else None,
    }


def procedure_record(procedure: Procedure) -> dict:
    """Everything about a procedure: its page shows it, procedures.json publishes it."""
    return {
        **procedure_summary(procedure),
        "channels": [vars(c) for c in procedure.channels],
        "applicants": procedure.applicants,
        "steps": procedure.steps,
        "documents": procedure.documents,
        "requirements": procedure.requirements,
        "result": procedure.result,
        "legal_basis": procedure.legal_basis,
    }


def hotline_record(hotline, content: Content) -> dict:
    """A hotline with its unit's name: the hotline page shows it, hotlines.json publishes it."""
    return {**vars(hotline), "unit_name": content.units[hotline.unit].name if hotline.unit else None}


def field_slug(name: str) -> str:
    return urls.tag_slug(name)


def catalog_index(content: Content) -> dict:
    """The compact index the catalog's filter loads: one short row per procedure.

    Columns rather than objects keep it small (2,000 procedures: about 250 KB, 40 KB gzipped).
    """
    fields = sorted({p.field for p in content.procedures}, key=fold)
    field_number = {name: i for i, name in enumerate(fields)}
    online_values = list(ONLINE_LABELS)
    return {
        "fields": fields,
        "online": online_values,
        "levels": list(LEVELS),
        "rows": [
            [
                p.code,
                p.name,
                field_number[p.field],
                "".join(str(LEVELS.index(level)) for level in p.level),
                online_values.index(p.online or "không"),
                urls.page_url(urls.procedure(p.code)),
                p.agency,
            ]
            for p in content.procedures
        ],
    }


def procedure_pages(content: Content) -> list[GeneratedPage]:
    pages = [_procedure_page(p) for p in content.procedures]
    pages.append(_catalog_page(content))
    pages.extend(_field_pages(content))
    pages.append(_hotlines_page(content))
    return pages


def _procedure_page(procedure: Procedure) -> GeneratedPage:
    view = procedure_record(procedure)
    view.update(
        {
            "online_label": ONLINE_LABELS[view["online"]],
            "level_label": ", ".join(f"Cấp {level}" for level in procedure.level),
            "updated_display": format_date(procedure.updated) if procedure.updated else None,
        }
    )
    return GeneratedPage(
        src_uri=urls.procedure(procedure.code),
        title=procedure.name,
        template="procedure.html",
        context={"procedure": view},
        updated=procedure.updated,
        description=f"{procedure.name} (mã {procedure.code}), lĩnh vực {procedure.field}: hồ sơ, thời hạn, lệ phí.",
    )


def _catalog_page(content: Content) -> GeneratedPage:
    fields = Counter(p.field for p in content.procedures)
    online = Counter(p.online or "không" for p in content.procedures)
    return GeneratedPage(
        src_uri=urls.PROCEDURES,
        title="Thủ tục hành chính",
        template="catalog.html",
        context={
            "catalog": {
                "count": len(content.procedures),
                "fields": [
                    {"name": name, "count": count, "url": urls.page_url(urls.procedure_field(field_slug(name)))}
                    for name, count in sorted(fields.items(), key=lambda kv: fold(kv[0]))
                ],
                "levels": list(LEVELS),
                "online": [
                    {"value": key, "label": ONLINE_LABELS[key], "count": online.get(key, 0)} for key in ONLINE_LABELS
                ],
            }
        },
        description="Danh mục thủ tục hành chính: hồ sơ, thời hạn giải quyết, phí, lệ phí, nộp hồ sơ trực tuyến.",
    )


def _field_pages(content: Content) -> list[GeneratedPage]:
    """One page per field: the catalog without JavaScript, and a short page to share."""
    by_field: dict[str, list[Procedure]] = {}
    for procedure in content.procedures:
        by_field.setdefault(procedure.field, []).append(procedure)
    return [
        GeneratedPage(
            src_uri=urls.procedure_field(field_slug(name)),
            title=f"Thủ tục hành chính lĩnh vực {name}",
            template="procedure-field.html",
            context={"field": {"name": name, "procedures": [procedure_summary(p) for p in items]}},
            description=f"{len(items)} thủ tục hành chính thuộc lĩnh vực {name}.",
        )
        for name, items in by_field.items()
    ]


def _hotlines_page(content: Content) -> GeneratedPage:
    hotlines = [hotline_record(h, content) for h in content.hotlines]
    return GeneratedPage(
        src_uri=urls.HOTLINES,
        title="Đường dây nóng",
        template="hotlines.html",
        context={"hotlines": hotlines},
        description="Địa chỉ, số điện thoại, thư điện tử tiếp nhận phản ánh, kiến nghị về quy định hành chính.",
    )
