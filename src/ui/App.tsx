export function App() {
  return (
    <main>
      <h1>Raft visualizer</h1>
      <p>
        A deterministic simulation of the Raft consensus algorithm, running entirely in your
        browser. The interactive UI is coming soon.
      </p>
    </main>
  );
}
