//! The files generated from the element table are what the table says. A stale file fails
//! here; `RK_UPDATE_GENERATED=1 cargo test -p retainkit-elements` writes them.

use retainkit_elements::generate::*;
use retainkit_elements::ELEMENTS;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn update() -> bool {
    std::env::var("RK_UPDATE_GENERATED").is_ok_and(|v| v == "1")
}

/// Compares (or writes) a whole file.
fn check_file(rel: &str, want: &str) -> Option<String> {
    let path = root().join(rel);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return None;
    }
    if update() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, want).unwrap();
        return None;
    }
    Some(rel.to_owned())
}

/// Compares (or writes) the marked blocks of a hand-written file.
fn check_blocks(rel: &str, blocks: &[(String, String)], js: bool) -> Option<String> {
    let path = root().join(rel);
    let have = std::fs::read_to_string(&path).unwrap();
    let mut want = have.clone();
    for (name, content) in blocks {
        want = replace_block(&want, name, content, js).unwrap_or_else(|| panic!("{rel} has no generated block `{name}`"));
    }
    check_file(rel, &want)
}

#[test]
fn generated_files_are_current() {
    let mut stale = Vec::new();
    stale.extend(check_blocks("www/retainkit.js", &[("tags".into(), loader_tags())], true));
    stale.extend(check_blocks("www/playground.js", &[("playground".into(), playground_data())], true));
    let mut readme = vec![("api".to_owned(), readme_api()), ("tokens".to_owned(), readme_tokens()), ("texts".to_owned(), readme_texts())];
    readme.extend(ELEMENTS.iter().map(|e| (e.tag.to_owned(), readme_table(e))));
    stale.extend(check_blocks("README.md", &readme, false));
    stale.extend(check_file("types/index.d.ts", &typescript()));
    stale.extend(check_file("types/react.d.ts", &typescript_react()));
    stale.extend(check_file("types/preact.d.ts", &typescript_preact()));
    stale.extend(check_file("types/vue.d.ts", &typescript_vue()));
    stale.extend(check_file("custom-elements.json", &custom_elements_manifest()));
    assert!(
        stale.is_empty(),
        "generated from crates/elements and stale: {stale:?}; run `RK_UPDATE_GENERATED=1 cargo test -p retainkit-elements` and commit"
    );
}
