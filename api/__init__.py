"""The read-only JSON API for analysts (Django REST framework + drf-spectacular).

Layers as in ``assessments``: ``models`` (personal API tokens), ``services`` (token
writes), ``authentication``/``throttling``/``problems``/``conditional`` (the HTTP
machinery), ``serializers`` (field names and types), ``views`` (thin viewsets that get
every object through ``assessments.access`` and every number through the selectors and
``assessments.scoring``).
"""
