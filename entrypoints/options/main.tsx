import { render } from 'preact';

render(<main><h1>Netwerkzorg – instellingen</h1></main>, document.getElementById('app')!);
