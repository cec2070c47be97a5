from coffeechat.core.crud import entity_urls
from coffeechat.people.views import ENTITIES

app_name = "people"
urlpatterns = entity_urls(ENTITIES)
