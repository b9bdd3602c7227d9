// Draws a Leaflet map into each element with data-points="<id of a JSON script>".
// The page's lists never depend on this: it only adds a picture of the same places.
(function () {
  "use strict";
  if (typeof L === "undefined") {
    return;
  }
  document.querySelectorAll("[data-points]").forEach(function (element) {
    const source = document.getElementById(element.dataset.points);
    if (!source) {
      return;
    }
    const points = JSON.parse(source.textContent);
    if (!points.length) {
      return;
    }
    L.Icon.Default.imagePath = element.dataset.icons;
    const map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 19,
    }).addTo(map);
    const markers = points.map(function (point) {
      const marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name });
      const popup = document.createElement("div");
      const link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      popup.appendChild(link);
      if (point.when) {
        const when = document.createElement("div");
        when.textContent = point.when;
        popup.appendChild(when);
      }
      marker.bindPopup(popup);
      return marker.addTo(map);
    });
    if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), 15);
    } else {
      map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [24, 24] });
    }
  });
})();
