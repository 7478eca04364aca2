use lifenav_core::diagnostic::Seg;
use lifenav_core::edit::{self, FieldSpec, FieldType};
use lifenav_core::ItemKind;

fn walk(doc: &toml_edit::DocumentMut, base: Vec<Seg>, specs: &'static [FieldSpec], depth: usize) {
    for spec in specs {
        let mut p = base.clone();
        p.push(Seg::Key(spec.key.into()));
        eprintln!("{:indent$}{}", "", spec.key, indent = depth * 2);
        match spec.ty {
            FieldType::TableList => {
                let n = edit::len(doc, &p);
                for i in 0..n {
                    let mut q = p.clone();
                    q.push(Seg::Index(i));
                    walk(doc, q, spec.children, depth + 1);
                }
            }
            FieldType::Table => {
                let _ = edit::get(doc, &p, FieldType::Raw);
                walk(doc, p, spec.children, depth + 1);
            }
            ty => {
                let _ = edit::get(doc, &p, ty);
            }
        }
    }
}

#[test]
fn walk_marriage() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../catalog/irkutsk/services/marriage-registration.toml"
    ))
    .unwrap();
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    walk(&doc, vec![], edit::schema(ItemKind::Service), 0);
}
