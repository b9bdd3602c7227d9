from django.urls import path

from attendance import views

app_name = "attendance"
urlpatterns = [
    path("ask/<slug:slug>/", views.request_proof, name="request"),
    path("<int:pk>/", views.proof_detail, name="proof"),
    path("<int:pk>/pdf/", views.proof_pdf, name="proof_pdf"),
    path("<int:pk>/revoke/", views.proof_revoke, name="revoke"),
    path("pdf/", views.proofs_period_pdf, name="period_pdf"),
]
