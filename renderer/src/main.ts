import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (target === null) {
  throw new Error('renderer/index.html has no element with id "app" to mount the app into');
}

mount(App, { target, props: { api: window.labelDesk } });
