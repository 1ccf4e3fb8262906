// The API's documentation page (/docs): Swagger UI over the service's own /openapi.json. A file rather than
// the inline script FastAPI's page has, so the page needs no 'unsafe-inline' and no foreign host.
/* global SwaggerUIBundle */
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
