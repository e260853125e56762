export function App() {
  return <main><h1>LoRA Training Dataset Generator</h1></main>;
}
