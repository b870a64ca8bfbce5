'use client';
// Imported during server rendering too: the package defines nothing there and exports an
// inert API; in the browser it defines the elements.
import { useEffect } from 'react';
import RetainKit from 'retainkit';
import type {} from 'retainkit/react';

export default function Widgets() {
  useEffect(() => {
    RetainKit.init({ api: new URL(location.href).searchParams.get('api') ?? '' });
    void RetainKit.ready().then(() => { document.body.dataset.ready = '1'; });
  }, []);
  return (
    <main id="app">
      <rk-reviews product-id="batik-parang" product-name="Batik Shirt"></rk-reviews>
      <rk-nps survey-id="nps-bundled"></rk-nps>
    </main>
  );
}
