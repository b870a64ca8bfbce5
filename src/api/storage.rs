//! `localStorage` under the `rk:` prefix, falling back to memory wherever storage throws
//! (private mode, quota exceeded, storage disabled, sandboxed frames).

use std::cell::RefCell;

pub const PREFIX: &str = "rk:";

thread_local! {
    // Values that storage refused, by full key. A handful at most, so a list.
    static MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn full(key: &str) -> String {
    let mut k = String::with_capacity(PREFIX.len() + key.len());
    k.push_str(PREFIX);
    k.push_str(key);
    k
}

pub fn get(key: &str) -> Option<String> {
    let key = full(key);
    if let Some(v) = MEMORY.with(|m| m.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())) {
        return Some(v);
    }
    local()?.get_item(&key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    let key = full(key);
    let stored = local().map(|s| s.set_item(&key, value).is_ok()).unwrap_or(false);
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(k, _)| *k != key);
        if !stored {
            m.push((key, value.to_owned()));
        }
    });
}

pub fn remove(key: &str) {
    let key = full(key);
    MEMORY.with(|m| m.borrow_mut().retain(|(k, _)| *k != key));
    if let Some(s) = local() {
        let _ = s.remove_item(&key);
    }
}

/// Removes every `rk:` key (and what memory holds in their place).
pub fn clear() {
    MEMORY.with(|m| m.borrow_mut().clear());
    if let Some(s) = local() {
        let keys: Vec<String> =
            (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect();
        for k in keys {
            let _ = s.remove_item(&k);
        }
    }
}
