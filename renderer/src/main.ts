import { mount } from 'svelte';
import { z } from 'zod';
import { localeFromTag, translate } from '../../shared/i18n/index.ts';
import App from './App.svelte';
import { logFailure } from './lib/api/call.ts';
import { loadLabelFontMetrics } from './lib/preview/font-metrics.ts';
import { createDesk } from './lib/state/desk.ts';
import './styles/app.css';
import './styles/label-font.css';

// zod 4 compiles parsers with `new Function` unless jitless is set, and the CSP allows no eval.
z.config({ jitless: true });

const target = document.getElementById('app');
if (target === null) {
  throw new Error('renderer/index.html has no element with id "app" to mount the app into');
}

const api = window.labelDesk;
if (api === undefined) {
  // Outside Electron (a plain browser tab) there is no preload, so a message replaces the broken desk.
  const message = document.createElement('p');
  message.className = 'no-api';
  message.textContent = translate(localeFromTag(navigator.language), 'desk.app.no_api');
  target.append(message);
} else {
  const desk = createDesk(api, {
    loadFontMetrics: () =>
      loadLabelFontMetrics((error) => {
        logFailure(api, 'preview', error, 'warn');
      }),
  });
  mount(App, { target, props: { desk } });
}
