"""Public URLs of projects (the client's confirmation page); each package adds its own."""

urlpatterns: list = []
