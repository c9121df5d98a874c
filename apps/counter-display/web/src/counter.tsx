import '@skranke/web/base.css';
import './counter/counter.css';
import { render } from 'preact';
import { App } from './counter/app';

render(<App />, document.getElementById('app')!);
