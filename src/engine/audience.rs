//! The audience conditions checked in the browser (the server already matched the page and
//! the language): device, new or returning visitor, and the cart value the page passed to
//! `RetainKit.setContext`. All must hold.

use retainkit_contract::survey::{Audience, Device, VisitorKind};

/// What the browser knows about this visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Visit {
    pub mobile: bool,
    /// The visitor came on an earlier day or session (their id existed before this page).
    pub returning: bool,
    /// In minor units.
    pub cart_value: Option<i64>,
}

pub fn admits(a: &Audience, v: &Visit) -> bool {
    let device = match a.device {
        None => true,
        Some(Device::Mobile) => v.mobile,
        Some(Device::Desktop) => !v.mobile,
    };
    let visitor = match a.visitor {
        None => true,
        Some(VisitorKind::New) => !v.returning,
        Some(VisitorKind::Returning) => v.returning,
    };
    let cart = a.min_cart_value.is_none_or(|min| v.cart_value.is_some_and(|c| c >= min));
    device && visitor && cart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_anded() {
        let a = Audience {
            device: Some(Device::Mobile),
            visitor: Some(VisitorKind::Returning),
            min_cart_value: Some(100_000),
            ..Default::default()
        };
        let ok = Visit { mobile: true, returning: true, cart_value: Some(250_000) };
        assert!(admits(&a, &ok));
        assert!(!admits(&a, &Visit { mobile: false, ..ok }));
        assert!(!admits(&a, &Visit { returning: false, ..ok }));
        assert!(!admits(&a, &Visit { cart_value: Some(99_999), ..ok }));
        assert!(!admits(&a, &Visit { cart_value: None, ..ok }));
        assert!(admits(&Audience::default(), &Visit::default()));
        let new_desktop = Audience { device: Some(Device::Desktop), visitor: Some(VisitorKind::New), ..Default::default() };
        assert!(admits(&new_desktop, &Visit::default()));
    }
}
