//! Sends one photo with XMLHttpRequest (fetch cannot report upload progress). The file's
//! type and size are checked before anything is sent.

use super::form_state::PhotoProblem;
use retainkit_contract::reviews::PHOTO_BYTES_MAX;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Checks a chosen file by its declared type and size (the server sniffs the bytes too).
pub fn check(mime: &str, size: f64) -> Result<(), PhotoProblem> {
    if !matches!(mime, "image/jpeg" | "image/png" | "image/webp") {
        Err(PhotoProblem::WrongType)
    } else if size > PHOTO_BYTES_MAX as f64 {
        Err(PhotoProblem::TooBig)
    } else {
        Ok(())
    }
}

/// Uploads `file`; `progress` gets percents, `done` gets the photo id or `None`.
pub fn upload(file: &web_sys::File, progress: impl Fn(u8) + 'static, done: impl FnOnce(Option<String>) + 'static) {
    let fail = |done: Box<dyn FnOnce(Option<String>)>| done(None);
    let done: Box<dyn FnOnce(Option<String>)> = Box::new(done);
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return fail(done) };
    let mut url = crate::config::get().api;
    url.push_str("/v1/photos");
    if xhr.open_with_async("POST", &url, true).is_err() {
        return fail(done);
    }
    let _ = xhr.set_request_header("Content-Type", &file.type_());
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(up) = xhr.upload() {
        let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress(((e.loaded() / e.total()) * 100.0).floor().clamp(0.0, 100.0) as u8);
            }
        });
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        // Lives until the page goes; one small closure per photo.
        on_progress.forget();
    }
    let cell = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let (xhr, cell) = (xhr.clone(), cell.clone());
        Closure::<dyn Fn()>::new(move || {
            let Some(done) = cell.borrow_mut().take() else { return };
            let id = (xhr.status().unwrap_or(0) == 201)
                .then(|| xhr.response_text().ok().flatten())
                .flatten()
                .and_then(|t| js_sys::JSON::parse(&t).ok())
                .and_then(|v| js_sys::Reflect::get(&v, &"id".into()).ok())
                .and_then(|id| id.as_string());
            done(id);
        })
    };
    xhr.set_onload(Some(finish.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(finish.as_ref().unchecked_ref()));
    finish.forget();
    if xhr.send_with_opt_blob(Some(file)).is_err() {
        if let Some(done) = cell.borrow_mut().take() {
            done(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_before_sending() {
        assert_eq!(check("image/png", 1000.0), Ok(()));
        assert_eq!(check("image/gif", 1000.0), Err(PhotoProblem::WrongType));
        assert_eq!(check("image/svg+xml", 10.0), Err(PhotoProblem::WrongType));
        assert_eq!(check("image/jpeg", 6.0 * 1024.0 * 1024.0), Err(PhotoProblem::TooBig));
    }
}
