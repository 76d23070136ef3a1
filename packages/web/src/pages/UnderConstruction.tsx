/** A capability not built yet: it says so and nothing else (no placeholder numbers). */
export function UnderConstruction() {
  return <div style={{ padding: 48, fontSize: 20, color: '#888', textAlign: 'center' }}>建设中</div>;
}
