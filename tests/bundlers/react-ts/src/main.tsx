import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import RetainKit from 'retainkit';
import type { RkNpsElement } from 'retainkit';
import type {} from 'retainkit/react';

RetainKit.init({ api: new URL(location.href).searchParams.get('api') ?? '' });

function App() {
  const nps = useRef<RkNpsElement>(null);
  const [category, setCategory] = useState<string>('');
  useEffect(() => {
    const el = nps.current;
    if (!el) return;
    // The event's detail is typed: `category` is 'promoter' | 'passive' | 'detractor' | null.
    const on = (e: CustomEvent<{ category: 'promoter' | 'passive' | 'detractor' | null }>) => setCategory(e.detail.category ?? '');
    el.addEventListener('rk-survey-submit', on);
    return () => el.removeEventListener('rk-survey-submit', on as EventListener);
  }, []);
  return (
    <main>
      <rk-reviews product-id="batik-parang" product-name="Batik Shirt" page-size="5"></rk-reviews>
      <rk-nps ref={nps} survey-id="nps-bundled" class="card"></rk-nps>
      <p id="category">{category}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
