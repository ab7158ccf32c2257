import { render } from 'preact';

render(<main><h1>Netwerkzorg</h1></main>, document.getElementById('app')!);
