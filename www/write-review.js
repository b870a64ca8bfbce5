// Demo only: take the order token from the address (a real shop renders it server-side).
(function () {
  var token = new URLSearchParams(location.search).get('order_token');
  if (token) document.querySelector('rk-review-form').setAttribute('order-token', token);
})();

// After the review is in: a next step under the thanks.
document.addEventListener('rk-review-submit', function () {
  var next = document.querySelector('.next-step');
  if (next) next.hidden = false;
});
