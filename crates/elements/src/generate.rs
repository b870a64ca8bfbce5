//! The files generated from the table: each function returns the text of one file, or of the
//! block between markers in a hand-written one.

use crate::*;
use serde_json::{json, Value};
use std::fmt::Write;

/// `<!-- generated: NAME -->` … `<!-- /generated -->` in Markdown, `// <generated: NAME>` …
/// `// </generated>` in JavaScript: replaces what stands between the markers.
pub fn replace_block(text: &str, name: &str, content: &str, js: bool) -> Option<String> {
    let (open, close) = if js {
        (format!("// <generated: {name}>"), "// </generated>".to_owned())
    } else {
        (format!("<!-- generated: {name} -->"), "<!-- /generated -->".to_owned())
    };
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&close)?;
    let indent = if js { "  " } else { "" };
    Some(format!("{}\n{}{}{}", &text[..start], content, indent, &text[end..]))
}

fn js_list(items: &[&str]) -> String {
    items.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(", ")
}

/// The loader's table: the elements it defines, the attributes each passes to its widget (a
/// change re-renders it), those that load at idle instead of near the viewport, and the WASM
/// chunk of each widget (an element the loader draws itself has none).
pub fn loader_tags() -> String {
    let defined: Vec<&Element> = ELEMENTS.iter().filter(|e| e.load != Load::ByWidget).collect();
    let mut s = String::from("  var TAGS = {\n");
    for (i, e) in defined.iter().enumerate() {
        let comma = if i + 1 < defined.len() { "," } else { "" };
        let _ = writeln!(s, "    '{}': [{}]{comma}", e.tag, js_list(&e.observed()));
    }
    s.push_str("  };\n");
    let idle: Vec<&str> = defined.iter().filter(|e| e.load == Load::Idle).map(|e| e.tag).collect();
    let _ = writeln!(s, "  var AT_IDLE = [{}];", js_list(&idle));
    let mut chunks: Vec<String> = Vec::new();
    for e in defined.iter().filter(|e| e.load != Load::Loader && e.load != Load::Placed) {
        chunks.push(format!("'{}': '{}'", e.tag, e.family.chunk()));
    }
    let _ = writeln!(s, "  var CHUNK = {{ {} }};", chunks.join(", "));
    s
}

fn attr_doc(a: &Attr) -> String {
    let mut d = a.doc.to_owned();
    match a.ty {
        Type::OneOf(words) => {
            let shown: Vec<String> = words.iter().filter(|w| !w.is_empty()).map(|w| format!("`{w}`")).collect();
            let _ = write!(d, "; {}", shown.join(" or "));
        }
        Type::Int(lo, hi) => {
            let _ = write!(d, "; {lo}–{hi}");
        }
        Type::Id => d.push_str(" (`[A-Za-z0-9_.:-]`, ≤ 64)"),
        _ => {}
    }
    if let Some(def) = a.default {
        let _ = write!(d, " (default `{def}`)");
    }
    d
}

fn detail_doc(ev: &Event) -> String {
    let target = if ev.target == Target::Document { "on the document: " } else { "" };
    if ev.detail.is_empty() {
        return format!("{target}{}", ev.doc);
    }
    let fields: Vec<&str> = ev.detail.iter().map(|f| f.name).collect();
    format!("{target}{}. `detail`: `{{{}}}`", ev.doc, fields.join(", "))
}

/// The README table of one element.
pub fn readme_table(e: &Element) -> String {
    let mut s = String::from("| kind | name | description |\n|---|---|---|\n");
    for a in e.attributes {
        let name = if a.name == "locale" { "`locale` / `lang`".to_owned() } else { format!("`{}`", a.name) };
        let _ = writeln!(s, "| attribute | {name} | {} |", attr_doc(a));
    }
    for ev in e.events {
        let _ = writeln!(s, "| event | `{}` | {} |", ev.name, detail_doc(ev));
    }
    for p in e.parts {
        let names: Vec<String> = p.names.iter().map(|n| format!("`{n}`")).collect();
        let _ = writeln!(s, "| part | {} | {} |", names.join(", "), p.doc);
    }
    for sl in e.slots {
        let _ = writeln!(s, "| slot | `{}` | {} |", sl.names[0], sl.doc);
    }
    for c in e.css {
        let _ = writeln!(s, "| CSS property | `{}` | {} (default `{}`) |", c.name, c.doc, c.default);
    }
    if e.draws() {
        s.push_str("| CSS property | the [shared tokens](#theme-tokens) | |\n");
    }
    s
}

/// The README table of the tokens every widget reads.
pub fn readme_tokens() -> String {
    let mut s = String::from("| CSS property | default | what it colours or sizes |\n|---|---|---|\n");
    for c in SHARED_CSS {
        let _ = writeln!(s, "| `{}` | `{}` | {} |", c.name, c.default.replace('|', "\\|"), c.doc);
    }
    s
}

#[path = "../../../src/i18n/locale_file.rs"]
#[allow(dead_code)]
mod locale_file;

/// The text keys and their English texts (`locales/en.json`), in file order.
pub fn text_keys() -> Vec<(String, String)> {
    locale_file::parse(include_str!("../../../locales/en.json")).expect("locales/en.json")
}

/// The playground's tables (`www/playground.js`): every theme token with its default, and every
/// text key with its English text.
pub fn playground_data() -> String {
    let js = |v: &str| serde_json::to_string(v).expect("a string");
    let mut s = String::from("  var TOKENS = [\n");
    for c in SHARED_CSS {
        let _ = writeln!(s, "    [{}, {}, {}],", js(c.name), js(c.default), js(c.doc));
    }
    s.push_str("  ];\n  var TEXT_KEYS = {\n");
    for (key, text) in text_keys() {
        let _ = writeln!(s, "    {key}: {},", js(&text));
    }
    s.push_str("  };\n");
    s
}

/// The README table of the text keys.
pub fn readme_texts() -> String {
    let mut s = String::from("| key | English |\n|---|---|\n");
    for (key, text) in text_keys() {
        let text = if text.is_empty() { "*(empty)*".to_owned() } else { text.replace('|', "\\|") };
        let _ = writeln!(s, "| `{key}` | {text} |");
    }
    s
}

/// The README table of `window.RetainKit`.
pub fn readme_api() -> String {
    let mut s = String::from("| call | what it does |\n|---|---|\n");
    for c in API {
        let _ = writeln!(s, "| `{}` | {} |", c.usage, c.doc);
    }
    s
}

fn pascal(name: &str) -> String {
    name.split('-').filter(|p| !p.is_empty()).map(|p| p[..1].to_uppercase() + &p[1..]).collect()
}

/// `rk-survey-submit` → `RkSurveySubmitDetail`.
pub fn detail_type(ev: &Event) -> String {
    format!("{}Detail", pascal(ev.name))
}

fn all_events() -> Vec<&'static Event> {
    let mut seen: Vec<&'static Event> = Vec::new();
    for e in ELEMENTS {
        for ev in e.events {
            if !seen.iter().any(|s| s.name == ev.name) {
                seen.push(ev);
            }
        }
    }
    seen
}

fn doc_comment(s: &mut String, indent: &str, text: &str) {
    let _ = writeln!(s, "{indent}/** {} */", text.replace("*/", "*\\/"));
}

/// `types/index.d.ts`: the default export and `window.RetainKit`, every element with its
/// attributes, every event with its `detail`.
pub fn typescript() -> String {
    let mut s = String::from(
        "// RetainKit's TypeScript declarations. Generated from crates/elements (the one description of the\n\
         // elements); do not edit: `RK_UPDATE_GENERATED=1 cargo test -p retainkit-elements` writes it.\n\n",
    );
    s.push_str(
        "export type Locale = 'en' | 'id' | 'pl' | (string & {});\n\
         export type LoyaltyPage = 'home' | 'earn' | 'rewards' | 'history';\n\n\
         export interface InitOptions {\n  /** The backend's base URL (empty: the page's own origin). */\n  api?: string;\n  \
         /** The language of every widget. */\n  locale?: Locale;\n  \
         /** Texts by language and key: `{en: {write_review: 'Share your thoughts'}, de: {…}}`. */\n  \
         texts?: { [locale: string]: Texts };\n  /** Rules across all popups. */\n  \
         popups?: { cooldownDays?: number; perSession?: number; historySentinel?: boolean };\n}\n\n\
         /** Facts about the visit, for audience rules and offer texts. */\n\
         export interface VisitContext {\n  /** The cart's value in minor units (cents, sen, grosze). */\n  cart_value?: number;\n  \
         /** ISO 4217, e.g. `IDR`. */\n  currency?: string;\n  [name: string]: string | number | boolean | null | undefined;\n}\n\n",
    );
    s.push_str("/** The key of a text the widgets show (`locales/en.json`). */\nexport type TextKey =\n");
    for (key, _) in text_keys() {
        let _ = writeln!(s, "  | '{key}'");
    }
    s.push_str(";\n\n/** Texts by key; a missing key keeps its text (English for an added language). */\nexport type Texts = { [K in TextKey]?: string };\n\n");
    s.push_str("export interface RetainKitApi {\n  readonly version: string;\n");
    for c in API.iter().filter(|c| !c.ts.is_empty()) {
        doc_comment(&mut s, "  ", c.doc);
        let _ = writeln!(s, "  {}", c.ts);
    }
    s.push_str("}\n\n");
    for ev in all_events() {
        doc_comment(&mut s, "", &format!("`detail` of `{}`: {}.", ev.name, ev.doc));
        if ev.detail.is_empty() {
            let _ = writeln!(s, "export type {} = null;\n", detail_type(ev));
            continue;
        }
        let _ = writeln!(s, "export interface {} {{", detail_type(ev));
        for f in ev.detail {
            doc_comment(&mut s, "  ", f.doc);
            let optional = if f.doc.contains("absent") { "?" } else { "" };
            let _ = writeln!(s, "  {}{optional}: {};", f.name, f.ts);
        }
        s.push_str("}\n\n");
    }
    s.push_str(
        "/** Events dispatched on RetainKit's elements (they bubble and cross shadow roots). */\nexport interface RetainKitEventMap {\n",
    );
    for ev in all_events().iter().filter(|e| e.target == Target::Element) {
        let _ = writeln!(s, "  '{}': CustomEvent<{}>;", ev.name, detail_type(ev));
    }
    s.push_str("}\n\n/** Events dispatched on `document`. */\nexport interface RetainKitDocumentEventMap {\n");
    for ev in all_events().iter().filter(|e| e.target == Target::Document) {
        let _ = writeln!(s, "  '{}': CustomEvent<{}>;", ev.name, detail_type(ev));
    }
    s.push_str("}\n\n");
    for e in ELEMENTS {
        let attrs = format!("{}Attributes", pascal(e.tag));
        doc_comment(&mut s, "", &format!("The attributes of `<{}>`.", e.tag));
        let _ = writeln!(s, "export interface {attrs} {{");
        for a in e.attributes {
            doc_comment(&mut s, "  ", &attr_doc(a));
            let _ = writeln!(s, "  '{}'?: {};", a.name, a.ty.ts());
        }
        if e.draws() {
            s.push_str("  lang?: string;\n  /** the dark preset (`dark`), or the shopper's system setting (`auto`) */\n  theme?: 'light' | 'dark' | 'auto';\n");
        }
        s.push_str("}\n\n");
        doc_comment(&mut s, "", &format!("`<{}>`: {}.", e.tag, e.summary));
        let _ = writeln!(s, "export interface {} extends HTMLElement {{", e.class);
        let events: Vec<&Event> = e.events.iter().filter(|ev| ev.target == Target::Element).collect();
        if !events.is_empty() {
            let names = events.iter().map(|ev| format!("'{}'", ev.name)).collect::<Vec<_>>().join(" | ");
            let _ = writeln!(
                s,
                "  addEventListener<K extends {names}>(type: K, listener: (this: {}, ev: RetainKitEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;",
                e.class
            );
            s.push_str("  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;\n");
        }
        s.push_str("}\n\n");
    }
    s.push_str("declare global {\n  interface Window {\n    RetainKit: RetainKitApi;\n  }\n  interface HTMLElementTagNameMap {\n");
    for e in ELEMENTS {
        let _ = writeln!(s, "    '{}': {};", e.tag, e.class);
    }
    s.push_str("  }\n  interface HTMLElementEventMap extends RetainKitEventMap {}\n  interface DocumentEventMap extends RetainKitDocumentEventMap {}\n}\n\n");
    s.push_str("declare const RetainKit: RetainKitApi;\nexport default RetainKit;\n");
    s
}

/// Every element in a JSX library's `JSX.IntrinsicElements`, with its attributes typed:
/// `lib` is the module (`react`, `preact`), `import` the props types taken from it, `props`
/// the type of an element's props (`E` the element, `A` its attributes).
fn typescript_jsx(name: &str, lib: &str, import: &str, props_doc: &str, props: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "// RetainKit's elements in {name} JSX. Generated from crates/elements; do not edit.");
    let _ = writeln!(s, "// Opt in once: `import type {{}} from 'retainkit/{lib}';` (or list \"retainkit/{lib}\" in tsconfig `types`).");
    let _ = writeln!(s, "import type {{ {import} }} from '{lib}';");
    let names: Vec<String> = ELEMENTS.iter().flat_map(|e| [format!("{}Attributes", pascal(e.tag)), e.class.to_owned()]).collect();
    let _ = writeln!(s, "import type {{ {} }} from './index.js';\n", names.join(", "));
    doc_comment(&mut s, "", &format!("{name}'s props for an element: {props_doc}. Listen to its events with `ref` + `addEventListener`."));
    let _ = writeln!(s, "type RkProps<E extends HTMLElement, A> = {props};\n");
    let _ = writeln!(s, "declare module '{lib}' {{\n  namespace JSX {{\n    interface IntrinsicElements {{");
    for e in ELEMENTS {
        let _ = writeln!(s, "      '{}': RkProps<{}, {}Attributes>;", e.tag, e.class, pascal(e.tag));
    }
    s.push_str("    }\n  }\n}\n");
    s
}

/// `types/react.d.ts`: every element in React's JSX (`React.JSX.IntrinsicElements`, React 18
/// and 19, any `jsx` setting), with its attributes typed. Opt-in (`import type {} from
/// 'retainkit/react'`), so the main declarations need no React.
pub fn typescript_react() -> String {
    typescript_jsx(
        "React",
        "react",
        "DetailedHTMLProps, HTMLAttributes",
        "its attributes (strings, as in HTML), `class` as well as `className`, `ref`, `children`",
        "DetailedHTMLProps<HTMLAttributes<E>, E> & A & { class?: string }",
    )
}

/// `types/preact.d.ts`: every element in Preact 11's JSX (`preact.JSX.IntrinsicElements`),
/// with its attributes typed. Opt-in like React's: `import type {} from 'retainkit/preact'`.
pub fn typescript_preact() -> String {
    typescript_jsx(
        "Preact",
        "preact",
        "HTMLAttributes",
        "its attributes (strings, as in HTML), `class`, `ref`, `children`",
        "Omit<HTMLAttributes<E>, keyof A> & A",
    )
}

/// `types/vue.d.ts`: every element for Vue's template type checking (`GlobalComponents`).
/// Opt-in (`import type {} from 'retainkit/vue'`); Vue itself is told the `rk-` tags are custom
/// elements (`compilerOptions.isCustomElement`).
pub fn typescript_vue() -> String {
    let mut s = String::from(
        "// RetainKit's elements in Vue templates. Generated from crates/elements; do not edit.\n\
         // Opt in once: `import type {} from 'retainkit/vue';` and tell Vue the tags are custom elements:\n\
         // `compilerOptions: { isCustomElement: (tag) => tag.startsWith('rk-') }`.\n\
         import type { DefineComponent } from 'vue';\n",
    );
    let names: Vec<String> = ELEMENTS.iter().map(|e| format!("{}Attributes", pascal(e.tag))).collect();
    let _ = writeln!(s, "import type {{ {} }} from './index.js';\n", names.join(", "));
    s.push_str("declare module 'vue' {\n  interface GlobalComponents {\n");
    for e in ELEMENTS {
        let _ = writeln!(s, "    '{}': DefineComponent<{}Attributes>;", e.tag, pascal(e.tag));
    }
    s.push_str("  }\n}\n");
    s
}

/// `custom-elements.json` in the Custom Elements Manifest schema (1.0.0): what editors,
/// Storybook and documentation tools read.
pub fn custom_elements_manifest() -> String {
    let declarations: Vec<Value> = ELEMENTS
        .iter()
        .map(|e| {
            let mut attributes: Vec<Value> = e
                .attributes
                .iter()
                .map(|a| {
                    let mut v = json!({"name": a.name, "type": {"text": a.ty.ts()}, "description": attr_doc(a)});
                    if let Some(d) = a.default {
                        v["default"] = json!(format!("\"{d}\""));
                    }
                    v
                })
                .collect();
            if e.draws() {
                attributes.push(json!({"name": "lang", "type": {"text": "string"}, "description": "the language, when `locale` is not set"}));
            }
            json!({
                "kind": "class",
                "name": e.class,
                "tagName": e.tag,
                "customElement": true,
                "description": e.summary,
                "attributes": attributes,
                "events": e.events.iter().map(|ev| json!({
                    "name": ev.name,
                    "type": {"text": format!("CustomEvent<{}>", detail_type(ev))},
                    "description": detail_doc(ev),
                })).collect::<Vec<_>>(),
                "cssParts": e.parts.iter().flat_map(|p| p.names.iter().map(move |n| json!({"name": n, "description": p.doc}))).collect::<Vec<_>>(),
                "slots": e.slots.iter().map(|sl| json!({"name": sl.names[0], "description": sl.doc})).collect::<Vec<_>>(),
                "cssProperties": e.css.iter().chain(SHARED_CSS.iter()).map(|c| json!({"name": c.name, "default": c.default, "description": c.doc})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let exports: Vec<Value> = ELEMENTS
        .iter()
        .map(|e| json!({"kind": "custom-element-definition", "name": e.tag, "declaration": {"name": e.class, "module": "retainkit.js"}}))
        .collect();
    let doc = json!({
        "schemaVersion": "1.0.0",
        "readme": "README.md",
        "modules": [{"kind": "javascript-module", "path": "retainkit.js", "declarations": declarations, "exports": exports}],
    });
    serde_json::to_string_pretty(&doc).expect("JSON") + "\n"
}
