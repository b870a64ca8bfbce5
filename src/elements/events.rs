//! The `rk-…` DOM events: CustomEvents that bubble and cross the shadow boundary
//! (`composed`), with a plain-object `detail`.

use serde::Serialize;

pub fn emit<T: Serialize>(from: &web_sys::EventTarget, name: &str, detail: &T) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(d) = detail.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
        init.set_detail(&d);
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = from.dispatch_event(&event);
    }
}
