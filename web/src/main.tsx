import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { queryClient } from './app/queryClient.js';
import { preloadScreen } from './app/screens.js';
import { readSession } from './auth/session.js';
import './main.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A signed-in user's screen starts loading (its chunk and its first page of data) before React draws the frame.
const session = readSession();
if (session) preloadScreen(window.location.hash.replace(/^#/, '').split('?')[0] || '/', session.user.roles, queryClient);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
