// Demo only: a pretend cart. "Add to cart" tells RetainKit the cart's value (for the exit
// offer's text and audience) and tracks the event popups can be triggered by. Works before
// and after the loader has run: calls made early are queued in window.RetainKit.
(function () {
  function rk(method, arg) {
    var R = window.RetainKit;
    if (R && R.__rk) R[method](arg); else (window.RetainKit = R || []).push([method, arg]);
  }
  // The page's price in minor units (sen, grosze) and its currency, from the page itself.
  var price = document.querySelector('.price[data-minor]');
  var PRICE = price ? Number(price.dataset.minor) : 25000000;
  var CURRENCY = price ? price.dataset.currency : 'IDR';
  var count = Number(sessionStorage.getItem('demo-cart') || 0);
  var badge = document.querySelector('.cart-count');
  function show() {
    if (badge) badge.textContent = String(count);
    if (count > 0) rk('setContext', { cart_value: count * PRICE, currency: CURRENCY });
  }
  show();
  var buy = document.querySelector('.buy');
  if (buy) buy.addEventListener('click', function () {
    count += 1;
    sessionStorage.setItem('demo-cart', String(count));
    show();
    rk('track', 'added_to_cart');
  });
})();

// Demo only: "Sign in as the demo customer". A real shop's server signs a short-lived token
// for its signed-in customer; here the reference server does it in demo mode
// (POST /v1/demo/token). Only the fact "signed in" is remembered for the tab, never the token.
(function () {
  var button = document.querySelector('.demo-sign-in');
  if (!button) return;
  var signInText = button.textContent;
  function rk(method, arg) {
    var R = window.RetainKit;
    if (R && R.__rk) R[method](arg); else (window.RetainKit = R || []).push([method, arg]);
  }
  function signIn() {
    return fetch('/v1/demo/token', { method: 'POST' })
      .then(function (r) { if (!r.ok) throw new Error('demo sign-in is off (RK_DEMO)'); return r.json(); })
      .then(function (t) {
        rk('identify', t.token);
        sessionStorage.setItem('demo-signed-in', '1');
        button.textContent = button.dataset.signOut;
      })
      .catch(function (e) { button.textContent = String(e.message); button.disabled = true; });
  }
  function signOut() {
    rk('logout');
    sessionStorage.removeItem('demo-signed-in');
    button.textContent = signInText;
  }
  button.addEventListener('click', function () {
    if (sessionStorage.getItem('demo-signed-in')) signOut(); else signIn();
  });
  // The token lives ten minutes: RetainKit asks for a new one when it expires.
  document.addEventListener('rk-token-expired', function () {
    if (sessionStorage.getItem('demo-signed-in')) signIn();
  });
  if (sessionStorage.getItem('demo-signed-in')) signIn();
})();
