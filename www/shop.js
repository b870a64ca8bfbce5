// Demo only: a pretend cart. "Add to cart" tells RetainKit the cart's value (for the exit
// offer's text and audience) and tracks the event popups can be triggered by. Works before
// and after the loader has run: calls made early are queued in window.RetainKit.
(function () {
  function rk(method, arg) {
    var R = window.RetainKit;
    if (R && R.__rk) R[method](arg); else (window.RetainKit = R || []).push([method, arg]);
  }
  var PRICE = 25000000; // Rp 250.000 in minor units (sen)
  var count = Number(sessionStorage.getItem('demo-cart') || 0);
  var badge = document.querySelector('.cart-count');
  function show() {
    if (badge) badge.textContent = String(count);
    if (count > 0) rk('setContext', { cart_value: count * PRICE, currency: 'IDR' });
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
