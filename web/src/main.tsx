import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { queryClient } from './app/queryClient.js';
import { preloadScreen } from './app/screens.js';
import { readSession } from './auth/session.js';
import './main.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A signed-in user's screen starts loading (its chunk and its first page of data) before React
// draws the frame, and the frame waits for that chunk (tens of ms): drawn with the page at once,
// it skips the loading fallback that React would otherwise hold on screen for ~300 ms.
const session = readSession();
const landing = session ? preloadScreen(window.location.hash.replace(/^#/, '').split('?')[0] || '/', session.user.roles, queryClient) : Promise.resolve();
void landing.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
