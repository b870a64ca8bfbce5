// The same small shop page in every bundler's app: the package's default export, the
// elements it defines, and the reference server's URL from the page's query string.
import RetainKit from 'retainkit';

const api = new URL(location.href).searchParams.get('api');
RetainKit.init({ api });
document.querySelector('#app').innerHTML = `
  <rk-reviews product-id="batik-parang" product-name="Batik Shirt"></rk-reviews>
  <rk-nps survey-id="nps-bundled"></rk-nps>`;
RetainKit.ready().then(() => { document.body.dataset.ready = '1'; });
