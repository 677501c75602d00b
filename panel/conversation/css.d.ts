// Type declarations for the stylesheets the Conversation view imports (./conversation.css and
// uPlot's): vite bundles them; TypeScript only needs to know such an import is a module.
declare module "*.css";
