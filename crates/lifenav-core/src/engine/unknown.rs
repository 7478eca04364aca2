//! Facts marked as searched for and not found (`unknown`), and the sources of the
//! fields that have no `source` of their own (`sources`).

use crate::diagnostic::{Diagnostic, Path};
use crate::model::{Catalog, FactField, VariantBody};

/// Whether a body states `field` itself.
pub(crate) fn states(body: &VariantBody, field: FactField) -> bool {
    match field {
        FactField::Term => body.term.is_some(),
        FactField::Deadline => body.deadline.is_some(),
        FactField::Fee => body.fee.is_some(),
        FactField::Criteria => body.criteria.is_some(),
        FactField::Refusal => body.refusal.is_some(),
        FactField::Channels => body.channels.is_some(),
        // A service's legal basis is not part of a body.
        FactField::LegalBasis => false,
    }
}

pub(crate) fn check(_c: &Catalog, body: &VariantBody, path: &dyn Fn() -> Path, diags: &mut Vec<Diagnostic>) {
    for (i, u) in body.unknown.iter().enumerate() {
        let p = || path().key("unknown").index(i);
        // A stated field is unknown only in part; saying which part keeps the mark honest.
        if states(body, u.field) && u.part.is_none() {
            diags.push(Diagnostic::warning(
                p(),
                format!(
                    "`{}` указано здесь и при этом отмечено как неизвестное: напишите, какая часть (`part`) неизвестна, или снимите отметку",
                    u.field.key()
                ),
                format!(
                    "`{}` is stated here and marked unknown: say which `part` is unknown, or drop the mark",
                    u.field.key()
                ),
            ));
        }
        if body.unknown[..i].iter().any(|o| o.field == u.field && o.part == u.part) {
            diags.push(Diagnostic::warning(
                p(),
                format!("`{}` дважды отмечено как неизвестное", u.field.key()),
                format!("`{}` is marked unknown twice", u.field.key()),
            ));
        }
    }
    for (i, s) in body.sources.iter().enumerate() {
        let p = || path().key("sources").index(i);
        let ru = format!("источник для `{}`", s.field.key());
        let en = format!("the source of `{}`", s.field.key());
        crate::engine::sourcing_warnings(&p, (&ru, &en), &Some(s.source.clone()), &s.checked, diags);
        if !states(body, s.field) {
            diags.push(Diagnostic::warning(
                p(),
                format!("`{}` здесь не указано: источнику нечего подтверждать", s.field.key()),
                format!("`{}` is not stated here: the source has nothing to back", s.field.key()),
            ));
        }
    }
}
