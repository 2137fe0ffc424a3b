"""Code shared by every Bazaar service and the gateway. Imports none of them."""
